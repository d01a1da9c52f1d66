-- The merchant's name as registered in the Dashboard: what the wallet app
-- and the hosted card page show buyers instead of the client id.
ALTER TABLE merchants ADD COLUMN name TEXT NOT NULL DEFAULT '';

-- The consult's terminal type: WEB is Scan to Link (a QR code, the phone is
-- not sent back); WAP and APP open the wallet on the buyer's own phone,
-- which returns to authRedirectUrl with authCode and authState.
ALTER TABLE auth_qrs ADD COLUMN terminal_type TEXT NOT NULL DEFAULT 'WEB';
