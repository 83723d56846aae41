// One deployment accepts the tokens of two WorkOS environments (staging and production).
const clientIds = [process.env.WORKOS_CLIENT_ID!, process.env.WORKOS_CLIENT_ID_PROD!];

export default {
  providers: clientIds.flatMap((clientId) => [
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
  ]),
};
