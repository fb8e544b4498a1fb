import { Typography } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { getVillageOffers, makeVillageOffer } from './menuApi.ts';
import { menuMessages } from './menuMessages.ts';
import { OffersList } from './OfferParts.tsx';

/**
 * 本村供单 (a village's station, /dispatch/menu's tab for a community): the village offers a service as a
 * unit to its street's post or district's centre, naming the teams that deliver it, and follows the
 * outcome. Approved, the whole street (or district) orders it and its orders come to this station.
 */
export function VillageOffersPanel({ region }: { region: string }) {
  const t = useMessages(menuMessages);
  return (
    <>
      <Typography.Paragraph type="secondary">{t.villageOfferHint}</Typography.Paragraph>
      <OffersList
        queryKey={['dispatch-village-offers', region]}
        load={(page, pageSize, signal) => getVillageOffers(region, page, pageSize, signal)}
        send={(v) =>
          makeVillageOffer({
            region,
            to: v.region,
            category: v.category,
            title: v.title,
            description: v.description,
            teamIds: v.teamIds ?? [],
          })
        }
        noUnits={t.noVillageUnits}
        mineTitle={t.villageOffers}
        noneYet={t.noVillageOffers}
        teamsOf={region}
      />
    </>
  );
}
