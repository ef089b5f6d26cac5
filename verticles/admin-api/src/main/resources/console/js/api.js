// The admin REST API with a bearer token kept in session storage (never a cookie: nothing a forged cross-site
// request could ride on). The access token is renewed with the refresh token before it expires.

const KEY = 'reeyo.console.session';
let session = JSON.parse(sessionStorage.getItem(KEY) || 'null');
let renewTimer;
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function onSessionChange(listener) {
  listeners.add(listener);
}

export function current() {
  return session;
}

function store(next) {
  session = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  scheduleRenewal();
  listeners.forEach((l) => l(session));
}

function scheduleRenewal() {
  clearTimeout(renewTimer);
  if (!session) return;
  const inMs = Math.max(5_000, session.expiresAt - Date.now() - 60_000);
  renewTimer = setTimeout(() => renew().catch(() => store(null)), inMs);
}

function fromLogin(answer, previous = {}) {
  return {
    token: answer.token,
    refreshToken: answer.refreshToken ?? previous.refreshToken,
    expiresAt: Date.now() + (answer.expiresIn ?? 900) * 1000,
    admin: answer.admin ?? previous.admin,
  };
}

async function raw(method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store',
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const error = json.error ?? {};
    throw new ApiError(response.status, error.code ?? 'HTTP_' + response.status, error.message ?? response.statusText);
  }
  return json;
}

export async function login(email, password) {
  const answer = await raw('POST', '/api/v1/auth/login', { email, password });
  store(fromLogin(answer));
  return session;
}

async function renew() {
  if (!session?.refreshToken) throw new ApiError(401, 'UNAUTHORIZED', 'no session');
  const answer = await raw('POST', '/api/v1/auth/refresh', { refreshToken: session.refreshToken });
  store(fromLogin(answer, session));
}

export async function logout() {
  const ending = session;
  store(null);
  if (ending?.refreshToken) {
    await raw('POST', '/api/v1/auth/logout', { refreshToken: ending.refreshToken }, ending.token).catch(() => {});
  }
}

/** An authenticated call; one renewal and retry when the access token has expired. */
export async function call(method, path, body) {
  if (!session) throw new ApiError(401, 'UNAUTHORIZED', 'not logged in');
  try {
    return await raw(method, path, body, session.token);
  } catch (e) {
    if (e.status === 401 && session?.refreshToken) {
      try {
        await renew();
      } catch (renewal) {
        store(null);
        throw e;
      }
      return raw(method, path, body, session.token);
    }
    throw e;
  }
}

export const get = (path) => call('GET', path);
export const post = (path, body = {}) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);

if (session) scheduleRenewal();
