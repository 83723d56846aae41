import type { AuthConfig } from "convex/server";

export default {
  providers: [
    { domain: process.env.CONVEX_SITE_URL!, applicationID: "convex" },
    ...[process.env.WORKOS_CLIENT_ID!, "client_01PRODUCTION"].flatMap((id) => [
      // legacy environments
      {
        type: "customJwt" as const,
        issuer: "https://api.workos.com/",
        algorithm: "RS256" as const,
        jwks: `https://api.workos.com/sso/jwks/${id}`,
        applicationID: id,
      },
      {
        type: "customJwt" as const,
        issuer: `https://api.workos.com/user_management/${id}`,
        algorithm: "RS256" as const,
        jwks: `https://api.workos.com/sso/jwks/${id}`,
      },
    ]),
  ],
} satisfies AuthConfig;
