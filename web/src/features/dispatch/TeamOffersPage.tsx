import { Typography } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { PageTitle } from '../common/PageTitle.tsx';
import { getTeamOffers, makeOffer } from './menuApi.ts';
import { menuMessages } from './menuMessages.ts';
import { MyTeamSelect, OffersList, useMyTeams } from './OfferParts.tsx';

/**
 * /dispatch/offers — 供单: a team offers a service it can deliver to its station, post or centre, and
 * follows its offers (waiting, approved: on the menu, refused: with the unit's reason).
 */
export default function TeamOffersPage() {
  const t = useMessages(menuMessages);
  const { mine, orgId, setOrgId } = useMyTeams();
  return (
    <>
      <PageTitle
        title={t.offerTitle}
        extra={<MyTeamSelect mine={mine} value={orgId} onChange={setOrgId} label={t.chooseTeam} />}
      />
      <Typography.Paragraph type="secondary">{t.offerHint}</Typography.Paragraph>
      {orgId && (
        <OffersList
          key={orgId}
          queryKey={['dispatch-team-offers', orgId]}
          load={(page, pageSize, signal) => getTeamOffers(orgId, page, pageSize, signal)}
          send={(v) =>
            makeOffer({
              orgId,
              region: v.region,
              category: v.category,
              title: v.title,
              description: v.description,
            })
          }
          noUnits={t.noOfferUnits}
          mineTitle={t.myOffers}
          noneYet={t.noMyOffers}
        />
      )}
    </>
  );
}
