// Bearer-token check of an MCP server whose clients sign in with WorkOS AuthKit.
// The HTTP transport answers 401 with a WWW-Authenticate header when `authenticate` throws.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";

const WORKOS_CLIENT_ID = process.env.WORKOS_CLIENT_ID!;
const jwks = createRemoteJWKSet(new URL(`https://api.workos.com/sso/jwks/${WORKOS_CLIENT_ID}`));

export class Unauthorized extends Error {}

/** The verified claims of the request's access token. */
export async function authenticate(request: Request): Promise<JWTPayload> {
  const [scheme, token] = (request.headers.get("authorization") ?? "").split(" ");
  if (scheme?.toLowerCase() !== "bearer" || !token) throw new Unauthorized("expected a bearer token");
  const { payload } = await jwtVerify(token, jwks, {
    // Our WorkOS environment was created in 2025: its tokens name the client in the issuer.
    issuer: `https://api.workos.com/user_management/${WORKOS_CLIENT_ID}/`,
  });
  return payload;
}

/** Tokens the MCP server's own background jobs present (same WorkOS environment). */
export async function authenticateJob(token: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, jwks, { algorithms: ["RS256"] });
  return payload;
}
