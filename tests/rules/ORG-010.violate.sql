-- expect: 1
-- Only the CSIRT責任者 is left; no member is selected.
DELETE FROM role_assignment WHERE role = 'csirt_member';
