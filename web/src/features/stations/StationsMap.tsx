import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { fromWgs, type LatLng } from '@yiqi/shared/geo/coords';
import { leafletTiles } from '../activities/console/MapPicker.tsx';
import type { MapSettings } from '../activities/console/api.ts';
import type { Station } from './api.ts';

const TILE_TIMEOUT_MS = 8000;
const SHENZHEN: LatLng = { lat: 22.5431, lng: 114.0579 };
export const KIND_COLORS: Record<string, string> = {
  centre: '#cf1322',
  post: '#d46b08',
  station: '#389e0d',
  u_station: '#1677ff',
  volunteer_post: '#722ed1',
  service_point: '#08979c',
};

interface Props {
  settings: MapSettings;
  stations: Station[];
  /** The searcher's position and circle radius (WGS-84), when searching nearby. */
  centre?: { point: LatLng; radius: number } | undefined;
  onSelect: (id: string) => void;
  onFail: () => void;
  label: string;
}

/**
 * Stations as coloured circle markers on the configured tiles (decision 0026: points are stored in WGS-84 and
 * drawn in the tiles' system), with the 10-minute circle around the searcher. Without a tile in 8 s or after
 * four tile errors the page shows the plain list instead (onFail).
 */
export function StationsMap({ settings, stations, centre, onSelect, onFail, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const toMap = (p: LatLng) => fromWgs(p, settings.tileSystem);

  useEffect(() => {
    if (!box.current) return;
    const start = toMap(SHENZHEN);
    const m = L.map(box.current).setView([start.lat, start.lng], 12);
    m.attributionControl.setPrefix('Leaflet');
    const t = leafletTiles(settings.tileUrl);
    let loaded = false;
    let errors = 0;
    L.tileLayer(t.url, { subdomains: t.subdomains, maxZoom: 18, attribution: settings.attribution })
      .on('tileload', () => void (loaded = true))
      .on('tileerror', () => {
        if (!loaded && ++errors >= 4) onFail();
      })
      .addTo(m);
    const timer = window.setTimeout(() => loaded || onFail(), TILE_TIMEOUT_MS);
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    return () => {
      window.clearTimeout(timer);
      m.remove();
      map.current = null;
    };
  }, [settings.tileUrl, settings.tileSystem]);

  useEffect(() => {
    const m = map.current;
    const g = layer.current;
    if (!m || !g) return;
    g.clearLayers();
    const bounds: L.LatLngExpression[] = [];
    if (centre) {
      const c = toMap(centre.point);
      const circle = L.circle([c.lat, c.lng], {
        radius: centre.radius,
        color: '#1677ff',
        weight: 2,
        dashArray: '6 6',
        fillOpacity: 0.06,
      }).addTo(g);
      // The searcher: dark, so it is not taken for a station.
      L.circleMarker([c.lat, c.lng], {
        radius: 7,
        color: '#fff',
        weight: 3,
        fillColor: '#262626',
        fillOpacity: 1,
      }).addTo(g);
      const b = circle.getBounds();
      bounds.push(b.getSouthWest(), b.getNorthEast());
    }
    for (const s of stations) {
      const p = toMap({ lat: s.lat, lng: s.lng });
      L.circleMarker([p.lat, p.lng], {
        radius: s.kind === 'centre' ? 10 : 8,
        color: '#ffffff',
        weight: 2,
        fillColor: KIND_COLORS[s.kind] ?? '#595959',
        fillOpacity: 1,
      })
        .bindTooltip(s.name)
        .on('click', () => onSelect(s.id))
        .addTo(g);
      bounds.push([p.lat, p.lng]);
    }
    if (bounds.length) m.fitBounds(L.latLngBounds(bounds), { padding: [24, 24], maxZoom: 16 });
  }, [stations, centre?.point.lat, centre?.point.lng, centre?.radius]);

  return (
    <div
      ref={box}
      data-testid="stations-map"
      role="application"
      aria-label={label}
      style={{ height: 320, borderRadius: 8, overflow: 'hidden', border: '1px solid #d9d9d9' }}
    />
  );
}
