export { type Access, checkAccess, registerAuthHooks, SESSION_COOKIE } from './auth.hooks.js';
export { createAuthRepository } from './auth.repository.js';
export { registerAuthRoutes } from './auth.routes.js';
export { type AuthService, createAuthService, parseAuthorization } from './auth.service.js';
export { createSignInGuard, type SignInGuard } from './failed-logins.js';
