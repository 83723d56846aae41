import type { AuthConfig } from "convex/server";

// Inside a spread TypeScript no longer types the array by AuthConfig: a string written there
// is `string`, not "customJwt", and `satisfies AuthConfig` fails unless it says `as const`.
export default {
  providers: [
    { domain: process.env.CONVEX_SITE_URL!, applicationID: "convex" },
    ...(process.env.WORKOS_CLIENT_ID
      ? [
          {
            type: "customJwt" as const,
            issuer: `https://api.workos.com/user_management/${process.env.WORKOS_CLIENT_ID}`,
            algorithm: "RS256" as const,
            jwks: `https://api.workos.com/sso/jwks/${process.env.WORKOS_CLIENT_ID}`,
          },
          {
            type: "customJwt" as const,
            issuer: "https://api.workos.com/",
            algorithm: "RS256" as const,
            jwks: `https://api.workos.com/sso/jwks/${process.env.WORKOS_CLIENT_ID}`,
            applicationID: process.env.WORKOS_CLIENT_ID,
          },
        ]
      : []),
  ],
} satisfies AuthConfig;
