// An independent OpenID Connect provider for the functional tests, built on oidc-provider.
//
// Usage: node server.mjs CONFIG.json
//
// CONFIG.json:
//   {
//     "port": 0,                                  // 0 picks a free loopback port
//     "issuer": "http://127.0.0.1:PORT",          // optional; derived from the port when absent
//     "clients": [{ "client_id", "client_secret", "redirect_uris": [...],
//                   "post_logout_redirect_uris"?: [...], "token_endpoint_auth_method"?: "client_secret_post" }],
//     "accounts": [{ "sub", "email", "email_verified", "name", "groups": [...], "password"?: "..." }],
//     "client_auth_methods"?: ["client_secret_post", ...]   // token_endpoint_auth_methods_supported
//   }
//
// Accounts change while it runs, as a real directory's do: PUT /_control/accounts/SUB with an account's JSON
// (email, email_verified, name, groups) replaces that account's claims from the next sign-in on.
//
// Prints exactly one line on stdout, "LISTENING <issuer>", once it accepts requests; everything
// else (oidc-provider's notices included) goes to stderr. Exits when its stdin closes, so a test
// run that dies does not leave it behind.
//
// Sign-in: the authorization code flow with PKCE (S256, required for every client). The login page
// takes an account's sub or email (and its password when the account has one); consent for the
// requested scopes is granted without asking. Its "Cancel" link (/interaction/:uid/abort) ends the
// sign-in with error=access_denied, as a person cancelling at a real provider does.

import { randomBytes, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

// oidc-provider prints its notices with console.info; stdout is reserved for the LISTENING line.
console.info = (...args) => console.error(...args);
console.log = (...args) => console.error(...args);

const configPath = process.argv[2];
if (!configPath) {
  console.error('usage: node server.mjs CONFIG.json');
  process.exit(2);
}

const config = JSON.parse(readFileSync(configPath, 'utf8'));
const accounts = (config.accounts ?? []).map((account) => ({
  sub: String(account.sub),
  email: account.email,
  email_verified: account.email_verified ?? true,
  name: account.name,
  groups: account.groups ?? [],
  password: account.password ?? undefined,
}));

function accountBySub(sub) {
  return accounts.find((account) => account.sub === sub);
}

function accountByLogin(login) {
  const wanted = String(login ?? '').trim();
  if (!wanted) {
    return undefined;
  }
  return accountBySub(wanted)
    ?? accounts.find((account) => typeof account.email === 'string'
      && account.email.toLowerCase() === wanted.toLowerCase());
}

async function updateAccount(sub, req, res) {
  const account = accountBySub(sub);
  if (!account) {
    res.statusCode = 404;
    res.end();
    return;
  }
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  const changed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  for (const field of ['email', 'email_verified', 'name', 'groups']) {
    if (field in changed) {
      account[field] = changed[field];
    }
  }
  res.statusCode = 204;
  res.end();
}

function escapeHtml(value) {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}

function loginPage(uid, clientId, loginHint, error) {
  const action = `/interaction/${encodeURIComponent(uid)}/login`;
  const alert = error ? `<p role="alert" class="error">${escapeHtml(error)}</p>\n` : '';
  return page('Sign in', `${alert}<p>Signing in to ${escapeHtml(clientId)}.</p>
<form method="post" action="${escapeHtml(action)}" autocomplete="off">
  <input type="hidden" name="uid" value="${escapeHtml(uid)}">
  <label>Subject or email <input type="text" name="login" value="${escapeHtml(loginHint)}" required autofocus></label>
  <label>Password <input type="password" name="password"></label>
  <button type="submit">Sign in</button>
</form>
<p><a href="/interaction/${encodeURIComponent(uid)}/abort">Cancel</a></p>`);
}

function sendHtml(res, status, html) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(html);
}

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 64 * 1024) {
      throw new Error('form too large');
    }
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// Grants what the client asked for, as a user who always clicks "allow" would.
async function grantConsent(provider, req, res, details) {
  const { prompt, grantId, session, params } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  const missing = prompt.details;
  if (missing.missingOIDCScope) {
    grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  }
  if (missing.missingOIDCClaims) {
    grant.addOIDCClaims(missing.missingOIDCClaims);
  }
  if (missing.missingResourceScopes) {
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes)) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
  }
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, {
    mergeWithLastSubmission: true,
  });
}

// GET /interaction/:uid shows the login form or grants consent;
// POST /interaction/:uid/login checks the login and finishes the login prompt.
async function handleInteraction(provider, req, res, url) {
  const match = /^\/interaction\/([^/]+)(\/login|\/abort)?$/.exec(url.pathname);
  if (!match) {
    sendHtml(res, 404, page('Not found', '<p>No such interaction page.</p>'));
    return;
  }
  const isLogin = match[2] === '/login';

  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (error) {
    sendHtml(res, 400, page('Sign-in session expired',
      `<p>${escapeHtml(error.error_description ?? error.message)}</p>`));
    return;
  }
  if (details.uid !== decodeURIComponent(match[1])) {
    sendHtml(res, 400, page('Sign-in session mismatch', '<p>This page belongs to another sign-in.</p>'));
    return;
  }

  // The person cancels: the provider answers the client with access_denied, as real providers do.
  if (req.method === 'GET' && match[2] === '/abort') {
    await provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'End-User aborted interaction',
    }, { mergeWithLastSubmission: false });
    return;
  }

  if (req.method === 'GET' && !isLogin) {
    if (details.prompt.name === 'login') {
      sendHtml(res, 200, loginPage(details.uid, details.params.client_id, details.params.login_hint, undefined));
      return;
    }
    if (details.prompt.name === 'consent') {
      await grantConsent(provider, req, res, details);
      return;
    }
    sendHtml(res, 501, page('Not supported', `<p>Prompt ${escapeHtml(details.prompt.name)} is not supported.</p>`));
    return;
  }

  if (req.method === 'POST' && isLogin) {
    if (details.prompt.name !== 'login') {
      sendHtml(res, 400, page('Not expected', '<p>This sign-in does not ask for a login now.</p>'));
      return;
    }
    const form = await readForm(req);
    const login = form.get('login');
    const account = accountByLogin(login);
    const passwordMatches = account && (account.password === undefined || account.password === form.get('password'));
    if (!account || !passwordMatches) {
      sendHtml(res, 401, loginPage(details.uid, details.params.client_id, login, 'Unknown account or wrong password.'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, {
      mergeWithLastSubmission: false,
    });
    return;
  }

  res.statusCode = 405;
  res.end();
}

function clientsFromConfig() {
  return (config.clients ?? []).map((client) => ({
    client_id: client.client_id,
    client_secret: client.client_secret,
    redirect_uris: client.redirect_uris,
    post_logout_redirect_uris: client.post_logout_redirect_uris ?? [],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: client.token_endpoint_auth_method ?? config.client_auth_methods?.[0] ?? 'client_secret_post',
  }));
}

function signingKeys() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', use: 'sig', alg: 'RS256' }] };
}

function providerConfiguration() {
  return {
    clients: clientsFromConfig(),
    jwks: signingKeys(),
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Scope -> claims it releases. "groups" comes with "profile" and with a scope of its own.
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'groups'],
      groups: ['groups'],
    },
    // Put the scope-released claims into the ID token too, not only into userinfo.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    // What the token endpoint accepts (token_endpoint_auth_methods_supported); oidc-provider's default when absent.
    ...(config.client_auth_methods ? { clientAuthMethods: config.client_auth_methods } : {}),
    pkce: { required: () => true },
    // Only server-side clients here: no browser calls the token or userinfo endpoint cross-origin.
    clientBasedCORS: () => false,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // The sign-out confirmation says "yes" in a hidden field, so submitting the form signs out.
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = page('Sign out', form.replace('</form>',
            '<input type="hidden" name="logout" value="yes"><button type="submit">Sign out</button></form>'));
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = page('Signed out', '<p>You are signed out.</p>');
        },
      },
    },
    async findAccount(_ctx, sub) {
      const account = accountBySub(sub);
      if (!account) {
        return undefined;
      }
      return {
        accountId: account.sub,
        async claims() {
          return {
            sub: account.sub,
            email: account.email,
            email_verified: account.email_verified,
            name: account.name,
            groups: account.groups,
          };
        },
      };
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<p id="error">${escapeHtml(out.error)}</p>
<p id="error_description">${escapeHtml(out.error_description)}</p>`);
    },
  };
}

let handler = (_req, res) => {
  res.statusCode = 503;
  res.end();
};
const server = createServer((req, res) => handler(req, res));

server.listen(config.port ?? 0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = config.issuer ?? `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, providerConfiguration());
  provider.proxy = false;
  provider.on('server_error', (_ctx, error) => console.error('server_error', error));
  const providerCallback = provider.callback();

  handler = (req, res) => {
    const url = new URL(req.url, issuer);
    const control = /^\/_control\/accounts\/([^/]+)$/.exec(url.pathname);
    if (control && req.method === 'PUT') {
      updateAccount(decodeURIComponent(control[1]), req, res).catch((error) => {
        res.statusCode = 400;
        res.end(String(error.message));
      });
      return;
    }
    if (url.pathname.startsWith('/interaction/')) {
      handleInteraction(provider, req, res, url).catch((error) => {
        console.error('interaction failed', error);
        if (!res.headersSent) {
          sendHtml(res, 500, page('Sign-in failed', `<p>${escapeHtml(error.message)}</p>`));
        } else {
          res.end();
        }
      });
      return;
    }
    providerCallback(req, res);
  };

  process.stdout.write(`LISTENING ${issuer}\n`);
});

function shutdown() {
  server.close();
  server.closeAllConnections();
  process.exit(0);
}

process.stdin.on('end', shutdown);
process.stdin.on('close', shutdown);
process.stdin.on('error', shutdown);
process.stdin.resume();
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
