const clientId = process.env.WORKOS_CLIENT_ID!;

export default {
  providers: [
    {
      type: "customJwt" as const,
      issuer: "https://api.workos.com/" as const,
      algorithm: "RS256" as const,
      jwks: `https://api.workos.com/sso/jwks/${clientId}` as const,
      applicationID: clientId,
    },
    {
      type: "customJwt" as const,
      issuer: `https://api.workos.com/user_management/${clientId}` as const,
      algorithm: "RS256" as const,
      jwks: `https://api.workos.com/sso/jwks/${clientId}` as const,
    },
  ],
} as const;
