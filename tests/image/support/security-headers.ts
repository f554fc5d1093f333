/**
 * The headers every response of the site must carry, errors included, with a pattern each value
 * must match. The exact policy lives in nginx/site.d/snippets/security-headers.conf; these patterns
 * pin down only the parts that make it safe.
 */
export const requiredSecurityHeaders: Readonly<Record<string, RegExp>> = {
  "content-security-policy": /^default-src 'none';.*frame-ancestors 'none'/,
  "x-content-type-options": /^nosniff$/,
  "x-frame-options": /^DENY$/,
  "referrer-policy": /^no-referrer$/,
  "permissions-policy": /camera=\(\)/,
  "cross-origin-opener-policy": /^same-origin$/,
  "cross-origin-resource-policy": /^same-origin$/,
};

/** Names of required headers that are missing, repeated or off-policy in a header lookup. */
export function securityHeaderProblems(values: (name: string) => string[]): string[] {
  return Object.entries(requiredSecurityHeaders).flatMap(([name, pattern]) => {
    const found = values(name);
    return found.length === 1 && pattern.test(found[0] as string) ? [] : [`${name}: ${JSON.stringify(found)}`];
  });
}
