const AWS = require("aws-sdk");

// v2 client kept for the reporting job.
const sts = new AWS.STS({
  region: "ap-southeast-2",
  stsRegionalEndpoints: "legacy",
});

const regional = new AWS.STS({ region: "ap-southeast-2", stsRegionalEndpoints: "regional" });

module.exports = { sts, regional };
