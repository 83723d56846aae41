/* Auth for the app. */ const /* id */ clientId = process.env.WORKOS_CLIENT_ID; // from the dashboard

export default /* the config */ {
  // providers:
  providers: /* list */ [
    /* first */ {
      // kind
      type: /* custom */ "customJwt", // customJwt
      /* where */ issuer: `https://api.workos.com/user_management/${clientId}` /* new */, // environments since mid-2025
      algorithm: "RS256", /* RSA */
      jwks: /* keys */ `https://api.workos.com/sso/jwks/${clientId}`, // JWKS
      // the aud check:
      // not needed here
      /* end of provider */
    }, // after the provider
    {
      type: "customJwt",
      issuer: "https://api.workos.com/",
      algorithm: "RS256",
      jwks: `https://api.workos.com/sso/jwks/${clientId}`,
      applicationID: clientId,
    },
    /* end of list */
  ], // after the list
  /* end of config */
}; // the end
