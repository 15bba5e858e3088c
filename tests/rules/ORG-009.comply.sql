-- Near miss: the CSIRT責任者 leaves on the check date (the assignment still covers that day).
UPDATE role_assignment SET valid_to = '2026-06-01' WHERE role = 'csirt_head';
