const clientId = process.env.WORKOS_CLIENT_ID;

export default {
	providers: [
		{
			type: "customJwt" as const,
			issuer: `https://api.workos.com/user_management/${clientId}`,
			jwks: `https://api.workos.com/sso/jwks/${clientId}`,
			algorithm: "RS256"
		},
		{
			type: "customJwt" as const,
			issuer: "https://api.workos.com/",
			jwks: `https://api.workos.com/sso/jwks/${clientId}`,
			applicationID: clientId,
			algorithm: "RS256"
		}
	]
}