-- expect: 1
-- The organization loses its only CISO.
DELETE FROM role_assignment WHERE role = 'ciso';
