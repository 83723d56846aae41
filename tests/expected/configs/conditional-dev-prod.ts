// Production and development deployments use different WorkOS environments.
const devClientId = process.env.WORKOS_CLIENT_ID;
const prodClientId = process.env.WORKOS_CLIENT_ID_PROD;

export default {
  providers:
    process.env.WORKOS_CLIENT_ID_PROD === "client_LIVE"
      ? [
          {
            type: "customJwt",
            issuer: "https://api.workos.com/",
            algorithm: "RS256",
            jwks: `https://api.workos.com/sso/jwks/${prodClientId}`,
            applicationID: prodClientId,
          },
          {
            type: "customJwt",
            issuer: `https://api.workos.com/user_management/${prodClientId}`,
            algorithm: "RS256",
            jwks: `https://api.workos.com/sso/jwks/${prodClientId}`,
          },
        ]
      : [
          {
            type: "customJwt",
            issuer: "https://api.workos.com/",
            algorithm: "RS256",
            jwks: `https://api.workos.com/sso/jwks/${devClientId}`,
            applicationID: devClientId,
          },
          {
            type: "customJwt",
            issuer: `https://api.workos.com/user_management/${devClientId}`,
            algorithm: "RS256",
            jwks: `https://api.workos.com/sso/jwks/${devClientId}`,
          },
        ],
};
