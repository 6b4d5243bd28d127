-- The Enterprise User extension (RFC 7643 §4.3) of SCIM Users.
alter table users add column employee_number text;
alter table users add column cost_center     text;
alter table users add column organization    text;
alter table users add column division        text;
alter table users add column department      text;
-- the manager's SCIM id as the IdP sent it (caseExact; not a foreign key: the IdP may name a
-- manager it provisions later)
alter table users add column manager_id      text;

-- employeeNumber eq (case-insensitive)
create index users_org_employee_number_idx on users (org_id, lower(employee_number));
