<?php
$annotations = [
    'eks.amazonaws.com/sts-regional-endpoints' => 'true',
];
