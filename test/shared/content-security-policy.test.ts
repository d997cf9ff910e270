// One CSP (electron/shared/content-security-policy.ts) for the Electron app:// protocol, the web
// bridge and the built page's meta tag; the servers' headers are checked in test/main and test/web.
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspDirectives, metaContentSecurityPolicy } from '../../electron/shared/content-security-policy.js';
import viteConfig from '../../renderer/vite.config.js';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => { const [name = '', ...sources] = d.split(' '); return [name, sources]; }));

describe('content security policy', () => {
  it('is the directive table, with no inline script or style anywhere', () => {
    expect(Object.fromEntries(directives(contentSecurityPolicy))).toEqual(cspDirectives);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-|strict-dynamic|https?:|wss?:|\*/);
  });

  it('leaves only the header-only frame-ancestors out of the meta tag', () => {
    const header = directives(contentSecurityPolicy);
    header.delete('frame-ancestors');
    expect(directives(metaContentSecurityPolicy)).toEqual(header);
  });

  it('is what the Vite build puts in index.html', () => {
    const plugin = viteConfig.plugins?.flat().find((p): p is Plugin => !!p && typeof p === 'object' && 'name' in p && p.name === 'khizana-csp');
    const transform = plugin?.transformIndexHtml as (() => HtmlTagDescriptor[]) | undefined;
    expect(plugin?.apply).toBe('build');
    expect(transform?.()).toEqual([{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy }, injectTo: 'head-prepend' }]);
  });
});
