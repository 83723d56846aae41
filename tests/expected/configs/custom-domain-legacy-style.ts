const clientId = process.env.WORKOS_CLIENT_ID;

export default {
  providers: [
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
    // Production: the custom auth domain.
    {
      type: "customJwt",
      issuer: `https://auth.example.com/user_management/${clientId}`,
      algorithm: "RS256",
      jwks: `https://auth.example.com/sso/jwks/${clientId}`,
    },
    // A legacy-style issuer on the custom domain: its shape is not verified, so it is left alone.
    {
      type: "customJwt",
      issuer: "https://auth.example.com/",
      algorithm: "RS256",
      jwks: `https://auth.example.com/sso/jwks/${clientId}`,
      applicationID: clientId,
    },
  ],
};
