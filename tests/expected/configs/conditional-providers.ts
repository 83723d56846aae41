const clientId = process.env.WORKOS_CLIENT_ID;

// Auth is optional in preview deployments: no client id, no providers.
export default {
  providers: clientId
    ? [
        {
          type: "customJwt",
          issuer: "https://api.workos.com/",
          algorithm: "RS256",
          jwks: `https://api.workos.com/sso/jwks/${clientId}`,
          applicationID: clientId,
        },
        {
          type: "customJwt",
          issuer: `https://api.workos.com/user_management/${clientId}`,
          algorithm: "RS256",
          jwks: `https://api.workos.com/sso/jwks/${clientId}`,
        },
      ]
    : [],
};
