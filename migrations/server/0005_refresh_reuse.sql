-- Refresh tokens that survive a lost answer and betray a thief: the token a rotation
-- replaced is remembered (its hash) with the time of the rotation, so a retry within the
-- grace period gets the same new token again and a replay after it revokes the session,
-- with the reason shown on the administrator's list of devices.
ALTER TABLE sessions
    ADD COLUMN previous_refresh_hash bytea,
    ADD COLUMN rotated_at timestamptz,
    ADD COLUMN revoked_reason text;
