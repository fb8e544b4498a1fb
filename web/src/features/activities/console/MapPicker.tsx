import { useEffect, useRef, useState } from 'react';
import { Alert, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { fromWgs, toWgs, type CoordSystem, type LatLng } from '@yiqi/shared/geo/coords';
import { useMessages } from '../../../lib/i18n.tsx';
import { getMapSettings, type MapSettings } from './api.ts';
import { activityFormMessages } from './form.messages.ts';

/** Shenzhen's centre, where a new activity's map opens (WGS-84). */
const DEFAULT_CENTER: LatLng = { lat: 22.5431, lng: 114.0579 };
/** Without a tile within this long, the map is taken as unreachable (blocked provider, offline intranet). */
const TILE_TIMEOUT_MS = 8000;

/**
 * Leaflet's tile template from ours: `{1-4}` (a numbered host range, as 高德 documents it) becomes
 * Leaflet's `{s}` with those subdomains.
 */
export function leafletTiles(url: string): { url: string; subdomains: string[] } {
  const m = /\{(\d)-(\d)\}/.exec(url);
  if (!m) return { url, subdomains: ['a', 'b', 'c'] };
  const from = Number(m[1]);
  const to = Number(m[2]);
  const subdomains = Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  return { url: url.replace(m[0], '{s}'), subdomains };
}

interface Props {
  /** The point as the form holds it, in `system`. */
  value: LatLng | null;
  system: CoordSystem;
  onPick: (p: LatLng) => void;
}

/**
 * The activity editor's place picker (Leaflet, decision 0026). The form holds the point in the system it
 * was typed in; the tiles are drawn in their own (GCJ-02 for 高德's): every point goes through WGS-84 on
 * its way between the two, so a marker sits where the organizer clicked whatever either system is. When the
 * tiles cannot load, the picker gives way to the typed fields with a message.
 */
export function MapPicker(props: Props) {
  const f = useMessages(activityFormMessages);
  const settings = useQuery({ queryKey: ['map-settings'], queryFn: getMapSettings, staleTime: Infinity });
  const [failed, setFailed] = useState(false);
  if (settings.isError || failed || settings.data?.tileUrl === '')
    return <Alert type="info" showIcon message={f.mapUnavailable} data-testid="map-unavailable" />;
  if (!settings.data) return null;
  return (
    <LeafletMap {...props} settings={settings.data} onFail={() => setFailed(true)} hint={f.mapPickHint} />
  );
}

function LeafletMap({
  value,
  system,
  onPick,
  settings,
  onFail,
  hint,
}: Props & { settings: MapSettings; onFail: () => void; hint: string }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  // The latest props for Leaflet's handlers, which are bound once.
  const latest = useRef({ system, onPick });
  latest.current = { system, onPick };

  const tileSystem = settings.tileSystem;
  /** Form point (in `system`) → map point (in the tiles' system), and back. */
  const toMap = (p: LatLng, s: CoordSystem) => fromWgs(toWgs(p, s), tileSystem);
  const fromMap = (p: LatLng, s: CoordSystem) => fromWgs(toWgs(p, tileSystem), s);

  useEffect(() => {
    if (!box.current) return;
    const start = value ? toMap(value, system) : fromWgs(DEFAULT_CENTER, tileSystem);
    const m = L.map(box.current, { attributionControl: true }).setView(
      [start.lat, start.lng],
      value ? 16 : 12,
    );
    // The plain library name: the default prefix carries a flag that says nothing about the map.
    m.attributionControl.setPrefix('Leaflet');
    const t = leafletTiles(settings.tileUrl);
    let loaded = false;
    let errors = 0;
    L.tileLayer(t.url, { subdomains: t.subdomains, maxZoom: 18, attribution: settings.attribution })
      .on('tileload', () => {
        loaded = true;
      })
      .on('tileerror', () => {
        if (!loaded && ++errors >= 4) onFail();
      })
      .addTo(m);
    const timer = window.setTimeout(() => loaded || onFail(), TILE_TIMEOUT_MS);
    m.on('click', (e: L.LeafletMouseEvent) => {
      const p = fromMap({ lat: e.latlng.lat, lng: e.latlng.lng }, latest.current.system);
      latest.current.onPick(p);
    });
    map.current = m;
    return () => {
      window.clearTimeout(timer);
      m.remove();
      map.current = null;
      marker.current = null;
    };
    // The map is built once per settings; the marker follows the value below.
  }, [settings.tileUrl, tileSystem]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!value) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    const p = toMap(value, system);
    if (!marker.current)
      marker.current = L.circleMarker([p.lat, p.lng], {
        radius: 9,
        color: '#ffffff',
        weight: 3,
        fillColor: '#d4380d',
        fillOpacity: 1,
      }).addTo(m);
    else marker.current.setLatLng([p.lat, p.lng]);
    if (!m.getBounds().contains([p.lat, p.lng])) m.panTo([p.lat, p.lng]);
  }, [value?.lat, value?.lng, system]);

  return (
    <div>
      <div
        ref={box}
        data-testid="map-picker"
        role="application"
        aria-label={hint}
        style={{ height: 280, borderRadius: 8, overflow: 'hidden', border: '1px solid #d9d9d9' }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {hint}
      </Typography.Text>
    </div>
  );
}
