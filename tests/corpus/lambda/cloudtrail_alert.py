"""EventBridge target: alerts on AssumeRole calls that reached the global endpoint."""
import json

WATCHED_SOURCES = {"sts.amazonaws.com", "iam.amazonaws.com"}


def handler(event, context):
    detail = event["detail"]
    if detail["eventSource"] != "sts.amazonaws.com":
        return {"skipped": True}
    if detail.get("eventSource") in WATCHED_SOURCES and detail.get("endpointType") == "global":
        print(json.dumps({"eventSource": "sts.amazonaws.com", "user": detail.get("userIdentity")}))
    return {"alerted": True}
