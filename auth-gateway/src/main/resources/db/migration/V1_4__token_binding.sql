-- API tokens created by a user from an SSO session (POST /api/tokens) record the authorization
-- they stand on: the session, its org and how it was authenticated (sso:<org name>). Null for
-- tokens issued by an admin. A bound token stops working when its account leaves that org; it
-- survives the logout of its session (as GitHub EMU's do) and dies with deactivation or deletion
-- of the account (revokedBefore), like every credential.
alter table api_tokens add column name text;
alter table api_tokens add column session_id uuid;
alter table api_tokens add column org_id text;
alter table api_tokens add column auth_method text check (auth_method is null or auth_method like 'sso:%');
