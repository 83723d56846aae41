import type { AuthConfig } from "convex/server"

export default {
  providers: [
    {
      type: "customJwt",
      issuer: "https://api.workos.com/",
      algorithm: "RS256",
      jwks: "https://api.workos.com/sso/jwks/client_01HZX8Q3ZP7V4W",
      applicationID: "client_01HZX8Q3ZP7V4W",
    },
    {
      type: "customJwt",
      issuer: "https://api.workos.com/user_management/client_01HZX8Q3ZP7V4W",
      algorithm: "RS256",
      jwks: "https://api.workos.com/sso/jwks/client_01HZX8Q3ZP7V4W",
    },
  ],
} satisfies AuthConfig
