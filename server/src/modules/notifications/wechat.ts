import { createHash } from 'node:crypto';
import { DomainError } from '../../core/domain-error.ts';
import type { Config } from '../../lib/config.ts';

/**
 * Who a WeChat login code belongs to. The mini-program calls wx.login() and hands the code (valid five
 * minutes, used once) to the server, which exchanges it for the OpenID of the account in this mini-program
 * (code2session): the caller never names an OpenID, so nobody binds someone else's WeChat. Throws
 * WECHAT_CODE_INVALID for a code WeChat refuses, WECHAT_UNAVAILABLE when WeChat cannot answer.
 */
export interface WechatIdentity {
  openidOf(code: string): Promise<string>;
}

/**
 * Development stand-in (WECHAT_IDENTITY=dev, the default): no network; a code maps to the same OpenID
 * every time (a hash of it, shaped like a real one), and a code starting with "invalid" is refused as
 * WeChat would refuse an expired one. Never for production: anyone could bind any "code".
 */
export function devWechatIdentity(): WechatIdentity {
  return {
    openidOf(code) {
      if (code.startsWith('invalid')) return Promise.reject(new DomainError('WECHAT_CODE_INVALID'));
      const h = createHash('sha256').update(`yiqi-dev-wechat:${code}`).digest('base64url');
      return Promise.resolve(`odev${h.slice(0, 24)}`);
    },
  };
}

/** code2session's answers that mean "this code is no good" (invalid, used, blocked user), not an outage. */
const REFUSED_CODES = new Set([40029, 40163, 40226]);

/**
 * The mini-program's code2session (GET {api}/sns/jscode2session): app id and secret from WECHAT_APP_ID and
 * WECHAT_APP_SECRET (docs/operations.md). Only the OpenID is kept; the session key that comes with it is
 * dropped at once (the platform signs nobody in with it).
 */
export function miniProgramIdentity(cfg: {
  appId: string;
  appSecret: string;
  apiUrl: string;
}): WechatIdentity {
  return {
    async openidOf(code) {
      const url = new URL('/sns/jscode2session', cfg.apiUrl);
      url.search = new URLSearchParams({
        appid: cfg.appId,
        secret: cfg.appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      }).toString();
      let body: { openid?: unknown; errcode?: unknown };
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        if (!res.ok) throw new Error(`code2session answered ${res.status}`);
        body = (await res.json()) as typeof body;
      } catch {
        throw new DomainError('WECHAT_UNAVAILABLE');
      }
      if (typeof body.errcode === 'number' && body.errcode !== 0)
        throw new DomainError(REFUSED_CODES.has(body.errcode) ? 'WECHAT_CODE_INVALID' : 'WECHAT_UNAVAILABLE');
      if (typeof body.openid !== 'string' || !/^[A-Za-z0-9_-]{6,64}$/.test(body.openid))
        throw new DomainError('WECHAT_UNAVAILABLE');
      return body.openid;
    },
  };
}

/** The adapter WECHAT_IDENTITY names; a misconfiguration fails at the first bind, never silently. */
export function wechatIdentityFor(config: Config): WechatIdentity {
  const w = config.wechat;
  if (w.identity === 'dev') return devWechatIdentity();
  if (w.identity === 'miniprogram') {
    if (!w.appId || !w.appSecret)
      throw new Error('WECHAT_IDENTITY=miniprogram needs WECHAT_APP_ID and WECHAT_APP_SECRET');
    return miniProgramIdentity({ appId: w.appId, appSecret: w.appSecret, apiUrl: w.apiUrl });
  }
  throw new Error(`unknown WECHAT_IDENTITY "${w.identity}"`);
}
