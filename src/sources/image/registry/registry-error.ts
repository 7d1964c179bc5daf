/**
 * Registry failures as messages a user can act on: which registry, which
 * repository, what the status means. Tokens and passwords never appear.
 */
export class RegistryError extends Error {
  constructor(
    readonly registry: string,
    readonly repository: string,
    readonly status: number | undefined,
    detail: string,
  ) {
    super(`registry ${registry}, repository ${repository}: ${detail}`);
    this.name = 'RegistryError';
  }
}

/** What an HTTP status means for a pull, with what to do about it. */
export function describeStatus(status: number, what: string, hasCredentials: boolean, serverSays: string): string {
  const says = serverSays ? ` (registry says: ${serverSays})` : '';
  switch (status) {
    case 401:
      return hasCredentials
        ? `401 Unauthorized for ${what}: the credentials were refused${says}`
        : `401 Unauthorized for ${what}: credentials are required; log in (podman login / docker login) or pass --authfile${says}`;
    case 403:
      return `403 Forbidden for ${what}: these credentials may not pull this repository${says}`;
    case 404:
      return `404 Not Found: ${what} does not exist${says}`;
    case 429:
      return `429 Too Many Requests for ${what}: rate limited, still after retries; try again later or log in for a higher limit${says}`;
    default:
      return status >= 500 ? `${status} server error for ${what}, still after retries${says}` : `unexpected status ${status} for ${what}${says}`;
  }
}

/** The first `errors[].code: message` of a registry's JSON error body, cut short and stripped of anything token-like. */
export function serverMessage(body: Buffer): string {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: { code?: string; message?: string }[] };
    const e = parsed.errors?.[0];
    if (!e) return '';
    return `${e.code ?? ''}${e.message ? `: ${e.message}` : ''}`.replace(/[A-Za-z0-9_\-.]{40,}/g, '…').slice(0, 200);
  } catch {
    return '';
  }
}
