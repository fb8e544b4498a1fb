-- POST /api/auth/login for a user without role grants, statement by statement as Kysely sends them
-- (captured with Kysely's `log` option). Run by bench/scenarios/login-me.ts with -D users=<count>.
-- Not here: the argon2id check between the first two statements, measured separately by the bench.
\set n random(1, :users)

-- auth.repository findUserByUsername (auth.service login)
select * from "users" where "username" = 'bench' || :n \gset

-- auth.repository findActiveGrants (auth.service login)
select "g"."id", "g"."role", "g"."org_id", "r"."code", "r"."level", coalesce(o.name, r.name) as "scope_name" from "role_grants" as "g" left join "organizations" as "o" on "o"."id" = "g"."org_id" inner join "regions" as "r" on "r"."code" = coalesce(g.region_code, o.region_code) and "r"."level" = (SELECT min(x.level) FROM regions x WHERE x.code = "r"."code") where "g"."user_id" = :id and "g"."revoked_at" is null order by "r"."level", "g"."granted_at";

-- auth.service login: ctx.db.transaction()
begin;
-- auth.repository resetFailedLogins
update "users" set "failed_logins" = 0, "locked_until" = null where "id" = :id and ("failed_logins" > 0 or "locked_until" is not null);
-- auth.repository insertSession (the API hashes a random token in JavaScript)
insert into "sessions" ("token_hash", "user_id", "created_at", "last_seen_at", "expires_at") values (sha256(uuid_send(gen_random_uuid())), :id, now(), now(), now() + interval '12 hours');
-- audit.repository insertAuditRow (audit.service recordAudit); the audit_log_stamp trigger takes no shared lock (0018)
insert into "audit_log" ("actor_id", "actor_name", "action", "object_type", "object_id", "result", "request_id", "source_ip", "region_code", "details") values (:id, :username, 'auth.login', null, null, 'ok', gen_random_uuid()::text, '127.0.0.1', null, '{}');
commit;

-- auth.service getMe answers from the rows loaded above: no further statement.
