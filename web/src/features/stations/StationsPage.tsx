import { useState } from 'react';
import { Alert, Button, Empty, Flex, Input, Pagination, Segmented, Select, Skeleton, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { STATION_KINDS } from '@yiqi/shared/contracts/stations';
import type { LatLng } from '@yiqi/shared/geo/coords';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { getMapSettings } from '../activities/console/api.ts';
import { getPosition } from '../activities/geo.ts';
import { listStations, nearbyStations, STATIONS_KEY, type Station } from './api.ts';
import { stationMessages } from './messages.ts';
import { StationCard } from './StationCard.tsx';
import { StationsMap } from './StationsMap.tsx';

const RADII = [500, 1000, 2000, 5000];
const PAGE_SIZE = 20;

/**
 * /m/stations — the public stations map (tiles from GET /api/map) and list; "near me" asks the device's
 * position (WGS-84) and lists the stations of the 10-minute circle, nearest first. When no tile can load the
 * list alone remains.
 */
export default function StationsPage() {
  const t = useMessages(stationMessages);
  const [kind, setKind] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [here, setHere] = useState<LatLng | null>(null);
  const [radius, setRadius] = useState(1000);
  const [locating, setLocating] = useState(false);
  const [geoFailed, setGeoFailed] = useState(false);
  const [mapFailed, setMapFailed] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const settings = useQuery({ queryKey: ['map-settings'], queryFn: getMapSettings, staleTime: Infinity });

  const all = useQuery({
    queryKey: [...STATIONS_KEY, 'list', kind, q, page],
    queryFn: ({ signal }) => listStations({ kind, q: q || undefined, page, pageSize: PAGE_SIZE }, signal),
    enabled: !here,
    placeholderData: keepPreviousData,
  });
  const near = useQuery({
    queryKey: [...STATIONS_KEY, 'nearby', here?.lat, here?.lng, radius, kind],
    queryFn: ({ signal }) => nearbyStations({ lat: here!.lat, lng: here!.lng, radius, kind }, signal),
    enabled: !!here,
    placeholderData: keepPreviousData,
  });
  const active = here ? near : all;
  const stations: Station[] = active.data?.items ?? [];

  const locate = async () => {
    setLocating(true);
    setGeoFailed(false);
    try {
      const p = await getPosition();
      setHere({ lat: p.lat, lng: p.lng });
    } catch {
      setGeoFailed(true);
    } finally {
      setLocating(false);
    }
  };
  const select = (id: string) => {
    setSelected(id);
    document.getElementById(`station-${id}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  };
  const showMap = !mapFailed && settings.data && settings.data.tileUrl !== '';

  return (
    <Flex vertical gap={12}>
      <div>
        <Typography.Title level={3} style={{ margin: '4px 0' }}>
          {t.title}
        </Typography.Title>
        <Typography.Text type="secondary">{t.subtitle}</Typography.Text>
      </div>
      <Flex gap={8} wrap>
        <Button
          type="primary"
          icon={<AimOutlined aria-hidden />}
          loading={locating}
          onClick={() => void locate()}
          style={{ minHeight: 44 }}
        >
          {locating ? t.locating : t.nearMe}
        </Button>
        {here && (
          <Button onClick={() => setHere(null)} style={{ minHeight: 44 }}>
            {t.showAll}
          </Button>
        )}
        <Select
          aria-label={t.kind}
          value={kind ?? ''}
          onChange={(v) => {
            setKind(v || undefined);
            setPage(1);
          }}
          style={{ minWidth: 140, height: 44 }}
          options={[
            { value: '', label: t.allKinds },
            ...STATION_KINDS.map((k) => ({ value: k, label: t[`kind_${k}`] })),
          ]}
        />
      </Flex>
      {here ? (
        <>
          <Segmented
            block
            value={radius}
            onChange={(v) => setRadius(v as number)}
            options={RADII.map((m) => ({
              value: m,
              label: m < 1000 ? fmt(t.radius, { m }) : fmt(t.radiusKm, { km: m / 1000 }),
            }))}
          />
          <Typography.Text type="secondary">{t.circle}</Typography.Text>
        </>
      ) : (
        <Input.Search
          allowClear
          placeholder={t.search}
          aria-label={t.search}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          size="large"
        />
      )}
      {geoFailed && <Alert type="warning" showIcon message={t.locationFailed} />}
      {mapFailed && <Alert type="info" showIcon message={t.mapUnavailable} data-testid="map-unavailable" />}
      {showMap && settings.data && (
        <StationsMap
          settings={settings.data}
          stations={stations}
          centre={here ? { point: here, radius } : undefined}
          onSelect={select}
          onFail={() => setMapFailed(true)}
          label={t.title}
        />
      )}
      {active.isError ? (
        <ErrorResult error={active.error} onRetry={() => void active.refetch()} />
      ) : active.isPending ? (
        <Skeleton active />
      ) : stations.length === 0 ? (
        <Empty description={here ? fmt(t.emptyNearby, { m: radius }) : t.empty} />
      ) : (
        <Flex vertical gap={8} style={{ opacity: active.isPlaceholderData ? 0.6 : 1 }}>
          <Typography.Text type="secondary">
            {here ? fmt(t.nearbyTotal, { n: stations.length }) : fmt(t.total, { n: all.data?.total ?? 0 })}
          </Typography.Text>
          {here && near.data
            ? near.data.items.map((s) => (
                <StationCard
                  key={s.id}
                  s={s}
                  selected={s.id === selected}
                  distance={{ m: s.distanceM, min: s.walkMinutes }}
                />
              ))
            : stations.map((s) => <StationCard key={s.id} s={s} selected={s.id === selected} />)}
          {!here && (all.data?.total ?? 0) > PAGE_SIZE && (
            <Pagination
              simple
              align="center"
              current={page}
              pageSize={PAGE_SIZE}
              total={all.data?.total ?? 0}
              onChange={setPage}
            />
          )}
        </Flex>
      )}
    </Flex>
  );
}
