ANNOTATIONS = {
  "eks.amazonaws.com/sts-regional-endpoints" => "true",
}.freeze
