package trail

// Tokens cached per audience: the audience is a map key, never an endpoint.
var cache = map[string]*Token{
	"sts.amazonaws.com": nil,
}

const (
	maxRetries = 3
	// Flagged, and named by its own line's identifier.
	stsHost = "sts.amazonaws.com"
)

var (
	region    = "eu-west-1"
	issuerAud = "sts.amazonaws.com"
)
