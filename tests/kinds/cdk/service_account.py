from aws_cdk import aws_eks as eks


def service_account(cluster: eks.Cluster) -> eks.ServiceAccount:
    sa = cluster.add_service_account("api", name="api", namespace="prod")
    sa.node.default_child.add_property_override(
        "metadata.annotations",
        {"eks.amazonaws.com/sts-regional-endpoints": "true"},
    )
    return sa
