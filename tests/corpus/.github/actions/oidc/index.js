const core = require("@actions/core");

async function run() {
  const audience = core.getInput("audience") || "sts.amazonaws.com";
  const token = await core.getIDToken("sts.amazonaws.com");
  core.setSecret(token);
  core.setOutput("audience", audience);
}

run();
