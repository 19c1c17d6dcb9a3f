import type { MetadataRoute } from 'next';

/**
 * `/robots.txt`: no crawler is welcome anywhere. A police case system has nothing to find through a search
 * engine; every response also says `X-Robots-Tag: noindex, nofollow` (next.config.ts), which keeps out of an
 * index even a page a crawler reached through a link without reading this file first.
 */
export default function robots(): MetadataRoute.Robots {
  return { rules: { userAgent: '*', disallow: '/' } };
}
