-- expect: 1
-- The only 監査統括責任者 assignment ended before the check date.
UPDATE role_assignment SET valid_to = '2026-03-31' WHERE role = 'audit_chief';
