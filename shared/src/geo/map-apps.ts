import { wgsToGcj, type LatLng } from './coords.ts';

/**
 * Links that open a place in 高德 (Amap) or 腾讯 (Tencent) maps: their web "marker" pages, which hand over
 * to the installed app on a phone (and work inside WeChat, where a geo: link does nothing). Both take
 * GCJ-02, so the stored WGS-84 point is converted here.
 */
const fixed = (n: number) => n.toFixed(6);

export function amapMarkerUrl(wgs: LatLng, name: string): string {
  const g = wgsToGcj(wgs);
  const q = new URLSearchParams({ position: `${fixed(g.lng)},${fixed(g.lat)}`, name, src: 'yiqi' });
  return `https://uri.amap.com/marker?${q.toString()}`;
}

export function qqMarkerUrl(wgs: LatLng, title: string): string {
  const g = wgsToGcj(wgs);
  // Tencent's marker field is `coord:lat,lng;title:…`; the title must not break the field syntax.
  const safe = title.replace(/[;:]/g, ' ');
  const q = new URLSearchParams({
    marker: `coord:${fixed(g.lat)},${fixed(g.lng)};title:${safe}`,
    referer: 'yiqi',
  });
  return `https://apis.map.qq.com/uri/v1/marker?${q.toString()}`;
}
