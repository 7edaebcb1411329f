import { readToken } from './token.store';

/** What went wrong, in words a user can act on: the server's own message and code, or why it was not reached. */
export class ApiError extends Error {
  override name = 'ApiError';
}

interface GraphQLErrorBody {
  message?: string;
  extensions?: { code?: string };
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: GraphQLErrorBody[];
}

const describeErrors = (errors: GraphQLErrorBody[]): string =>
  errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message ?? 'no message'}`).join('; ');

/**
 * One GraphQL request, as any client would send it: a JSON POST (which also satisfies Apollo's CSRF
 * prevention), with the token as a Bearer header when there is one.
 */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const token = readToken();
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new ApiError(
      `Cannot reach the API at /graphql (${(error as Error).message}). Is the server running, and is the network up?`,
    );
  }
  let body: GraphQLBody<T>;
  try {
    body = (await response.json()) as GraphQLBody<T>;
  } catch {
    throw new ApiError(
      `HTTP ${response.status} ${response.statusText}: the API answered something that is not JSON.`,
    );
  }
  const errors = body.errors ?? [];
  const code = errors[0]?.extensions?.code;
  // Without a token, a 401 means this server wants one for reads; with one, that the token was refused.
  if (response.status === 401 && token) {
    throw new ApiError(
      `HTTP 401: the token was refused. ${describeErrors(errors)} Check the token, or clear it.`,
    );
  }
  if (errors.length > 0) {
    const hint = code === 'UNAUTHENTICATED' && !token ? ' Reads need a token here: enter one above.' : '';
    throw new ApiError(`${describeErrors(errors)}${hint}`);
  }
  if (!response.ok || body.data === undefined || body.data === null) {
    throw new ApiError(`HTTP ${response.status} ${response.statusText}: no data in the answer.`);
  }
  return body.data;
}

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : `Unexpected error: ${String(error)}`;
