-- GET /api/me for a user without role grants, statement by statement as Kysely sends them
-- (captured with Kysely's `log` option). Run by bench/scenarios/login-me.ts with -D users=<count>;
-- session n belongs to user benchN, its token is 'yiqi-bench-session-<n>'.
\set n random(1, :users)

-- auth.repository findSession (auth.service authenticate, in the onRequest hook); the API hashes the cookie
-- in JavaScript. touchSession is not issued: the sessions were seen less than a minute ago.
select "s"."user_id", "s"."last_seen_at", "s"."expires_at", "s"."mfa_at", "s"."revoked_at", "u"."username", "u"."display_name", "u"."totp_enabled_at", "u"."disabled_at", "u"."locale" from "sessions" as "s" inner join "users" as "u" on "u"."id" = "s"."user_id" where "s"."token_hash" = sha256(convert_to('yiqi-bench-session-' || :n, 'UTF8')) \gset

-- auth.repository findActiveGrants (auth.service authenticate)
select "g"."id", "g"."role", "g"."org_id", "r"."code", "r"."level", coalesce(o.name, r.name) as "scope_name" from "role_grants" as "g" left join "organizations" as "o" on "o"."id" = "g"."org_id" inner join "regions" as "r" on "r"."code" = coalesce(g.region_code, o.region_code) and "r"."level" = (SELECT min(x.level) FROM regions x WHERE x.code = "r"."code") where "g"."user_id" = :user_id and "g"."revoked_at" is null order by "r"."level", "g"."granted_at";

-- auth.service getMe answers from the session and grants loaded above: no further statement.
