-- expect: 1
DELETE FROM role_assignment WHERE role = 'committee';
