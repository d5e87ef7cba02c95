<?php
// Laravel-style AWS config.
return [
    'sts' => [
        'region' => env('AWS_REGION', 'eu-west-1'),
        'version' => 'latest',
        'endpoint' => 'https://sts.amazonaws.com',
    ],
    'oidc' => [
        'audience' => 'sts.amazonaws.com',
    ],
];
