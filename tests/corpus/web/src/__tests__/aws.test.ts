import { sts } from "../aws";

test("endpoint is pinned", async () => {
  const endpoint = await sts.config.endpoint?.();
  expect(endpoint?.hostname).toBe("sts.amazonaws.com");
});

const fakeEndpoint = "https://sts.amazonaws.com";
