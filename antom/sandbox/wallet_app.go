package sandbox

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// maxWalletForm bounds wallet-app form bodies.
const maxWalletForm = 16 << 10

// walletRoutes serves the test wallet app: the page a scanned QR code
// opens, sign-in, the user's balances and links.
func (s *Sandbox) walletRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /sandbox/wallet", s.walletHome)
	mux.HandleFunc("GET /sandbox/wallet/authorize", s.walletAuthorizePage)
	mux.HandleFunc("POST /sandbox/wallet/authorize", s.walletDecide)
	mux.HandleFunc("POST /sandbox/wallet/signin", s.walletSignIn)
	mux.HandleFunc("POST /sandbox/wallet/signout", s.walletSignOut)
	mux.HandleFunc("POST /sandbox/wallet/unlink", s.walletUnlink)
	mux.HandleFunc("GET /sandbox/wallet/qr.png", s.walletQR)
	return mux
}

// authorizePath is the wallet-app page of a QR code.
func authorizePath(code string) string {
	return pathAuthorize + "?" + url.Values{"code": {code}}.Encode()
}

// renderQRProblem shows why a QR code cannot be used.
func (s *Sandbox) renderQRProblem(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, ErrQRUsed):
		s.renderWallet(w, http.StatusGone, messageView("used", "QR code used", "This QR code has already been used."))
	case errors.Is(err, ErrQRExpired):
		s.renderWallet(w, http.StatusGone, messageView("expired", "QR code expired", "This QR code has expired — ask the merchant for a new one."))
	default:
		s.renderWallet(w, http.StatusNotFound, messageView("invalid", "Unknown QR code", "This QR code is not valid."))
	}
}

// walletAuthorizePage answers GET /sandbox/wallet/authorize?code=…: the
// consent page, or sign-in first.
func (s *Sandbox) walletAuthorizePage(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("code")
	q, found, err := qrByCode(r.Context(), s.db, code)
	if err != nil {
		s.walletFailed(w, "read the QR code", err)
		return
	}
	if !found {
		err = ErrQRUnknown
	} else {
		err = q.usable(s.now())
	}
	if err != nil {
		s.renderQRProblem(w, err)
		return
	}
	u, ok, err := s.signedIn(r)
	if err != nil {
		s.walletFailed(w, "read your session", err)
		return
	}
	if !ok || u.Wallet != q.Wallet {
		s.renderSignIn(w, r, http.StatusOK, q.Wallet, code, "", nil)
		return
	}
	s.renderWallet(w, http.StatusOK, walletView{Page: pageConsent, Title: "Link " + brandName(q.Wallet),
		Brand: brandName(q.Wallet), Code: code, User: u, Merchant: s.merchantName(q.ClientID)})
}

// renderSignIn shows the sign-in page with the login typed and field
// errors, if any.
func (s *Sandbox) renderSignIn(w http.ResponseWriter, r *http.Request, status int, wallet, code, login string, errs map[string]string) {
	v, err := s.signInView(r.Context(), wallet, code)
	if err != nil {
		s.walletFailed(w, "list the test users", err)
		return
	}
	v.Login = login
	if errs != nil {
		v.Errors = errs
	}
	s.renderWallet(w, status, v)
}

// walletDecide answers the consent page's Agree and Decline buttons.
func (s *Sandbox) walletDecide(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxWalletForm)
	code := r.PostFormValue("code")
	u, ok, err := s.signedIn(r)
	if err != nil {
		s.walletFailed(w, "read your session", err)
		return
	}
	if !ok {
		http.Redirect(w, r, authorizePath(code), http.StatusSeeOther)
		return
	}
	switch r.PostFormValue("action") {
	case "agree":
		s.walletAgree(w, r, code, u)
	case "decline":
		s.walletDecline(w, r, code, u)
	default:
		http.Error(w, "sandbox: action must be agree or decline", http.StatusBadRequest)
	}
}

// walletAgree links the account. Scan to Link does not send the phone
// back to the merchant, so the page says so; a consult made on the
// buyer's phone (WAP, APP) returns it to authRedirectUrl with the auth
// code.
func (s *Sandbox) walletAgree(w http.ResponseWriter, r *http.Request, code string, u walletUser) {
	q, authCode, err := s.agree(r.Context(), code, u.Login)
	switch {
	case err == nil && q.onPhone():
		http.Redirect(w, r, agreeRedirect(q, authCode), http.StatusSeeOther)
	case err == nil:
		// The page is the wallet's, as every other page of its app: its
		// name heads it, not "Wallet" (trial).
		v := messageView("linked", "Linked", "Your "+brandName(q.Wallet)+" account is linked. You can return to the merchant's page.")
		v.Brand = brandName(q.Wallet)
		s.renderWallet(w, http.StatusOK, v)
	case errors.Is(err, ErrWrongWallet):
		http.Redirect(w, r, authorizePath(code), http.StatusSeeOther)
	case errors.Is(err, ErrQRUnknown), errors.Is(err, ErrQRUsed), errors.Is(err, ErrQRExpired):
		s.renderQRProblem(w, err)
	default:
		s.walletFailed(w, "link your account", err)
	}
}

// walletDecline uses up the QR code and sends the browser to the
// merchant's authRedirectUrl with error=USER_DECLINED (a sandbox
// convention, see doc.go).
func (s *Sandbox) walletDecline(w http.ResponseWriter, r *http.Request, code string, u walletUser) {
	q, err := s.decline(r.Context(), code, u.Login)
	switch {
	case err == nil:
		http.Redirect(w, r, declineRedirect(q), http.StatusSeeOther)
	case errors.Is(err, ErrWrongWallet):
		http.Redirect(w, r, authorizePath(code), http.StatusSeeOther)
	case errors.Is(err, ErrQRUnknown), errors.Is(err, ErrQRUsed), errors.Is(err, ErrQRExpired):
		s.renderQRProblem(w, err)
	default:
		s.walletFailed(w, "decline", err)
	}
}

// walletSignIn checks a test user's login and password; errors re-render
// the form (422), success goes back to the QR code's page or home.
func (s *Sandbox) walletSignIn(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxWalletForm)
	login := strings.TrimSpace(r.PostFormValue("login"))
	code := r.PostFormValue("code")
	wallet := ""
	if code != "" {
		q, found, err := qrByCode(r.Context(), s.db, code)
		if err != nil {
			s.walletFailed(w, "read the QR code", err)
			return
		}
		if found {
			wallet = q.Wallet
		}
	}
	errs, err := s.checkSignIn(r, login, r.PostFormValue("password"), wallet)
	if err != nil {
		s.walletFailed(w, "check your sign-in", err)
		return
	}
	if len(errs) > 0 {
		s.renderSignIn(w, r, http.StatusUnprocessableEntity, wallet, code, login, errs)
		return
	}
	if err := s.startSession(r.Context(), w, r, login); err != nil {
		s.walletFailed(w, "sign you in", err)
		return
	}
	target := "/sandbox/wallet"
	if code != "" {
		target = authorizePath(code)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// checkSignIn returns the sign-in form's field errors; wallet, when set,
// is the wallet the user must belong to.
func (s *Sandbox) checkSignIn(r *http.Request, login, password, wallet string) (map[string]string, error) {
	errs := map[string]string{}
	if login == "" {
		errs["login"] = "Enter your login."
	}
	if password == "" {
		errs["password"] = "Enter your password."
	}
	if len(errs) > 0 {
		return errs, nil
	}
	u, err := s.userByLogin(r.Context(), login)
	switch {
	case errors.Is(err, ErrUnknownUser):
		errs["login"] = "No test user has this login."
	case err != nil:
		return nil, err
	case !passwordMatches(u.Login, password, u.passwordHash):
		errs["password"] = "Wrong password."
	case wallet != "" && u.Wallet != wallet:
		errs["login"] = fmt.Sprintf("This is a %s user; this QR code is for %s.", brandName(u.Wallet), brandName(wallet))
	}
	return errs, nil
}

// walletSignOut ends the session.
func (s *Sandbox) walletSignOut(w http.ResponseWriter, r *http.Request) {
	if err := s.endSession(w, r); err != nil {
		s.walletFailed(w, "sign you out", err)
		return
	}
	http.Redirect(w, r, "/sandbox/wallet", http.StatusSeeOther)
}

// walletHome answers GET /sandbox/wallet: balances and links, or sign-in.
func (s *Sandbox) walletHome(w http.ResponseWriter, r *http.Request) {
	u, ok, err := s.signedIn(r)
	if err != nil {
		s.walletFailed(w, "read your session", err)
		return
	}
	if !ok {
		s.renderSignIn(w, r, http.StatusOK, "", "", "", nil)
		return
	}
	v, err := s.homeView(r.Context(), u)
	if err != nil {
		s.walletFailed(w, "read your wallet", err)
		return
	}
	s.renderWallet(w, http.StatusOK, v)
}

// walletUnlink cancels one of the signed-in user's links, wallet side.
func (s *Sandbox) walletUnlink(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxWalletForm)
	u, ok, err := s.signedIn(r)
	if err != nil {
		s.walletFailed(w, "read your session", err)
		return
	}
	id, perr := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	if !ok || perr != nil {
		http.Redirect(w, r, "/sandbox/wallet", http.StatusSeeOther)
		return
	}
	t, found, err := tokenByID(r.Context(), s.db, id)
	if err != nil {
		s.walletFailed(w, "read the link", err)
		return
	}
	if found && t.Login == u.Login {
		err = s.cancelLink(r.Context(), id, walletCancelReason)
	}
	if err != nil && !errors.Is(err, ErrTokenNotLive) {
		s.walletFailed(w, "unlink the merchant", err)
		return
	}
	http.Redirect(w, r, "/sandbox/wallet", http.StatusSeeOther)
}
