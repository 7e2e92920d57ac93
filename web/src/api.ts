// SPDX-License-Identifier: Apache-2.0
// HTTP helpers for the urbanmine API: JSON in and out, errors as ApiError carrying the server's
// {"error": {"code", "message", "hint", "location"}}. The write token (if the server has one) is
// kept in localStorage and sent as a Bearer header.

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public hint: string,
    public location: string,
  ) {
    super(message);
  }
}

export function token(): string {
  return localStorage.getItem('urbanmine.token') ?? '';
}

export function setToken(value: string): void {
  localStorage.setItem('urbanmine.token', value);
}

async function handle<T>(res: Response): Promise<T> {
  const type = res.headers.get('Content-Type') ?? '';
  if (!res.ok) {
    if (type.includes('application/json')) {
      const body = await res.json();
      const e = body.error ?? {};
      throw new ApiError(res.status, e.code ?? 'error', e.message ?? res.statusText, e.hint ?? '',
                         e.location ?? '');
    }
    throw new ApiError(res.status, 'error', res.statusText, '', '');
  }
  if (type.includes('application/json')) return (await res.json()) as T;
  return (await res.text()) as unknown as T;
}

export async function getJson<T>(path: string): Promise<T> {
  return handle<T>(await fetch(path));
}

export async function getText(path: string): Promise<string> {
  return handle<string>(await fetch(path));
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  return handle<T>(await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) }));
}

export async function putJson<T>(path: string, body: unknown): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  return handle<T>(await fetch(path, { method: 'PUT', headers, body: JSON.stringify(body) }));
}

// POST of a text body with its own type (e.g. text/csv profiles to /api/events).
export async function postText<T>(path: string, body: string, contentType: string): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': contentType };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  return handle<T>(await fetch(path, { method: 'POST', headers, body }));
}

// Routes the server offers, from its OpenAPI description ("GET /api/runs/{id}" strings).
let routes: Set<string> | null = null;
export async function availableRoutes(): Promise<Set<string>> {
  if (routes) return routes;
  const doc = await getJson<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
  routes = new Set();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) routes.add(`${method.toUpperCase()} ${path}`);
  }
  return routes;
}

export async function hasRoute(route: string): Promise<boolean> {
  return (await availableRoutes()).has(route);
}

export interface Finding { section: string; section_label?: string; text: string }

// A run's findings in the dashboard's language (GET /api/runs/{id}/findings: Korean is built
// again from the run's tables); the summary's English findings when the route is missing.
export async function runFindings(id: string | number, language: string, fallback: Finding[]): Promise<Finding[]> {
  if (!(await hasRoute('GET /api/runs/{id}/findings'))) return fallback;
  const body = await getJson<{ findings: Finding[] }>(`/api/runs/${id}/findings?lang=${language}`);
  return body.findings;
}
