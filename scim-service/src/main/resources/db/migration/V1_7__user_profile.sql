-- The other core User attributes (RFC 7643 §4.1) that IdPs send and read back, kept as one JSON
-- object under their canonical names: nickName, profileUrl, title, userType, preferredLanguage,
-- locale, timezone, phoneNumbers, addresses. The hub does not act on them; Entra ID's default
-- attribute mappings PATCH them (phoneNumbers[type eq "mobile"].value, addresses[type eq
-- "work"].streetAddress, title...), and a service without them answered those PATCHes 400.
-- Filters on them read the JSON (no index: organizations do not look users up by phone number).
-- A default, not a rewrite: adding the column is a catalog change, instant at any size.
alter table users add column profile text not null default '{}';
