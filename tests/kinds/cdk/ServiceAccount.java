package com.example.cdk;

import java.util.Map;

final class ServiceAccount {
    static Map<String, String> annotations() {
        return Map.of("eks.amazonaws.com/sts-regional-endpoints", "true");
    }
}
