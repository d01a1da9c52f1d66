package checkout

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// staffEnv is the domain over a database alone (staff need no Antom),
// with a clock the test moves.
func staffEnv(t *testing.T) (*Service, *time.Time) {
	t.Helper()
	database := dbtest.Open(t)
	sealer, err := NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	check(t, err)
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	return NewService(Deps{DB: database, Sealer: sealer, Now: func() time.Time { return now }, Options: Options{PasswordCost: bcrypt.MinCost}}), &now
}

func TestFirstStaffGetsOneTimePasswordOnce(t *testing.T) {
	s, _ := staffEnv(t)
	ctx := context.Background()
	first, err := s.EnsureFirstStaff(ctx, "Admin@Shop.example", "")
	check(t, err)
	if !first.Created || first.Email != "admin@shop.example" || len(first.Password) < MinStaffPassword {
		t.Fatalf("first start: %+v", first)
	}
	st, err := s.StaffSignIn(ctx, "admin@shop.example", first.Password, "192.0.2.1")
	check(t, err)
	assertEqual(t, st.MustChange, true, "must change the one-time password")

	again, err := s.EnsureFirstStaff(ctx, "admin@shop.example", "")
	check(t, err)
	if again.Created || again.Password != "" {
		t.Fatalf("second start created or printed again: %+v", again)
	}
	n, err := s.db.CountStaff(ctx)
	check(t, err)
	assertEqual(t, n, 1, "staff accounts")
}

// Instances starting together each find no staff account and try to
// create the first; the one that loses the race says, as any later start
// does, that the account's one-time password is not used yet — or, with
// ADMIN_PASSWORD (the winner's too), nothing.
func TestFirstStaffRaceLoserSaysItIsUnused(t *testing.T) {
	for _, password := range []string{"", "a long enough admin password"} {
		database := dbtest.Open(t)
		sealer, err := NewSealer([]byte("0123456789abcdef0123456789abcdef"))
		check(t, err)
		now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
		deps := func(hook func(string)) Deps {
			return Deps{DB: database, Sealer: sealer, Now: func() time.Time { return now },
				Options: Options{PasswordCost: bcrypt.MinCost, TestHook: hook}}
		}
		ctx := context.Background()
		winner := NewService(deps(nil))
		var won FirstStaff
		loser := NewService(deps(func(point string) {
			if point == PointFirstStaffInsert && !won.Created {
				won, err = winner.EnsureFirstStaff(ctx, "admin@shop.example", password)
				check(t, err)
			}
		}))
		lost, err := loser.EnsureFirstStaff(ctx, "admin@shop.example", password)
		check(t, err)
		if !won.Created {
			t.Fatalf("the winner did not create the account: %+v", won)
		}
		want := FirstStaff{Email: "admin@shop.example", Unclaimed: true}
		if password != "" {
			want = FirstStaff{}
		}
		assertEqual(t, lost, want, "the loser with ADMIN_PASSWORD "+map[bool]string{true: "set", false: "unset"}[password != ""])
		n, err := loser.db.CountStaff(ctx)
		check(t, err)
		assertEqual(t, n, 1, "staff accounts")
	}
}

func TestFirstStaffTakesAdminPassword(t *testing.T) {
	s, _ := staffEnv(t)
	ctx := context.Background()
	if _, err := s.EnsureFirstStaff(ctx, "admin@shop.example", "too short"); err == nil {
		t.Fatal("a short ADMIN_PASSWORD was accepted")
	}
	// Too easy to guess is refused where it would be the account's
	// password (the configuration checks its length only: below).
	if _, err := s.EnsureFirstStaff(ctx, "admin@shop.example", "aaaaaaaaaaaa"); err == nil || !strings.HasPrefix(err.Error(), "ADMIN_PASSWORD: Too easy to guess") {
		t.Fatalf("an ADMIN_PASSWORD easy to guess: %v", err)
	}
	if StaffPasswordLengthProblem("aaaaaaaaaaaa") != "" {
		t.Fatal("the configuration's check refuses an ADMIN_PASSWORD for being easy to guess: a start that ignores it would not start")
	}
	first, err := s.EnsureFirstStaff(ctx, "admin@shop.example", "a long enough admin password")
	check(t, err)
	if !first.Created || first.Password != "" {
		t.Fatalf("ADMIN_PASSWORD start: %+v", first)
	}
	st, err := s.StaffSignIn(ctx, "admin@shop.example", "a long enough admin password", "192.0.2.1")
	check(t, err)
	assertEqual(t, st.MustChange, false, "must change a chosen password")
}

func TestStaffSignInIsThrottled(t *testing.T) {
	s, now := staffEnv(t)
	ctx := context.Background()
	const pw = "correct horse battery staple"
	_, err := s.EnsureFirstStaff(ctx, "admin@shop.example", pw)
	check(t, err)
	start := *now
	for i := 1; i <= SigninMaxFailures; i++ {
		*now = start.Add(time.Duration(i) * time.Minute)
		if _, err := s.StaffSignIn(ctx, "admin@shop.example", "wrong", "192.0.2.1"); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("try %d: %v", i, err)
		}
	}
	*now = start.Add(10 * time.Minute)
	_, err = s.StaffSignIn(ctx, "ADMIN@shop.example", pw, "192.0.2.1")
	var throttled *ThrottledError
	if !errors.As(err, &throttled) {
		t.Fatalf("6th try with the right password: %v, want throttled", err)
	}
	assertEqual(t, throttled.RetryAt, start.Add(time.Minute+SigninWindow), "retry at")
	assertEqual(t, throttled.AnyAccount, false, "paused for any account")

	// Another address is not locked out; the window's end lets it through.
	_, err = s.StaffSignIn(ctx, "admin@shop.example", pw, "198.51.100.9")
	check(t, err)
	*now = throttled.RetryAt.Add(time.Second)
	_, err = s.StaffSignIn(ctx, "admin@shop.example", pw, "192.0.2.1")
	check(t, err)
}

// An IPv6 /64 is one address to the staff throttle, as to the buyers':
// whoever holds one has its 5 tries per email, not 5 for each of its
// 2^64 addresses.
func TestStaffSignInThrottlesAnIPv6NetworkAsOne(t *testing.T) {
	s, _ := staffEnv(t)
	ctx := context.Background()
	const pw = "correct horse battery staple"
	_, err := s.EnsureFirstStaff(ctx, "admin@shop.example", pw)
	check(t, err)
	for i := 1; i <= SigninMaxFailures; i++ {
		addr := fmt.Sprintf("2001:db8::%x", i) // each try from another address of one /64
		if _, err := s.StaffSignIn(ctx, "admin@shop.example", "wrong", addr); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("try %d: %v", i, err)
		}
	}
	var throttled *ThrottledError
	if _, err := s.StaffSignIn(ctx, "admin@shop.example", pw, "2001:db8::ffff"); !errors.As(err, &throttled) {
		t.Fatalf("right password from the same /64: %v, want throttled", err)
	}
	_, err = s.StaffSignIn(ctx, "admin@shop.example", pw, "2001:db8:0:1::1") // another /64
	check(t, err)
}

// One address cannot try a few passwords on every email it can think of
// (each a bcrypt hash): past StaffSigninPerAddress failures from it, for
// any emails, staff sign-in from there waits for the window's end, the
// right password too; other addresses are not held up.
func TestStaffSignInIsThrottledPerAddress(t *testing.T) {
	s, now := staffEnv(t)
	ctx := context.Background()
	const pw = "correct horse battery staple"
	_, err := s.EnsureFirstStaff(ctx, "admin@shop.example", pw)
	check(t, err)
	start := *now
	for i := 0; i < StaffSigninPerAddress; i++ {
		email := fmt.Sprintf("guess%d@shop.example", i/(SigninMaxFailures-1)) // never the 5 of one email
		if _, err := s.StaffSignIn(ctx, email, "wrong", "192.0.2.7"); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("try %d: %v", i, err)
		}
	}
	_, err = s.StaffSignIn(ctx, "admin@shop.example", pw, "192.0.2.7")
	var throttled *ThrottledError
	if !errors.As(err, &throttled) {
		t.Fatalf("try %d, the right password: %v, want throttled", StaffSigninPerAddress+1, err)
	}
	assertEqual(t, throttled.AnyAccount, true, "paused for any account")
	assertEqual(t, throttled.RetryAt, start.Add(SigninWindow), "retry at")

	_, err = s.StaffSignIn(ctx, "admin@shop.example", pw, "198.51.100.9")
	check(t, err)
	*now = throttled.RetryAt.Add(time.Second)
	_, err = s.StaffSignIn(ctx, "admin@shop.example", pw, "192.0.2.7")
	check(t, err)
}

func TestSuccessfulSignInClearsFailures(t *testing.T) {
	s, _ := staffEnv(t)
	ctx := context.Background()
	const pw = "correct horse battery staple"
	_, err := s.EnsureFirstStaff(ctx, "admin@shop.example", pw)
	check(t, err)
	for round := 0; round < 2; round++ {
		for i := 0; i < SigninMaxFailures-1; i++ {
			if _, err := s.StaffSignIn(ctx, "admin@shop.example", "wrong", "192.0.2.1"); !errors.Is(err, ErrBadCredentials) {
				t.Fatalf("round %d try %d: %v", round, i, err)
			}
		}
		_, err := s.StaffSignIn(ctx, "admin@shop.example", pw, "192.0.2.1")
		check(t, err)
	}
	// Unknown emails count too, and say no more than a wrong password.
	if _, err := s.StaffSignIn(ctx, "nobody@shop.example", pw, "192.0.2.1"); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("unknown email: %v", err)
	}
}

func TestChangeStaffPassword(t *testing.T) {
	s, _ := staffEnv(t)
	ctx := context.Background()
	first, err := s.EnsureFirstStaff(ctx, "admin@shop.example", "")
	check(t, err)
	st, err := s.StaffSignIn(ctx, first.Email, first.Password, "192.0.2.1")
	check(t, err)

	_, err = s.ChangeStaffPassword(ctx, st.ID, "not it", "short", "short")
	var input *InputError
	if !errors.As(err, &input) || input.Fields["current"] == "" || input.Fields["new"] == "" {
		t.Fatalf("bad current and short new: %v", err)
	}
	_, err = s.ChangeStaffPassword(ctx, st.ID, first.Password, "a brand new password", "a brand new passw0rd")
	if !errors.As(err, &input) || input.Fields["confirm"] == "" {
		t.Fatalf("confirmation differs: %v", err)
	}
	_, err = s.ChangeStaffPassword(ctx, st.ID, first.Password, first.Password, first.Password)
	if !errors.As(err, &input) || input.Fields["new"] == "" {
		t.Fatalf("same password: %v", err)
	}
	epoch, err := s.ChangeStaffPassword(ctx, st.ID, first.Password, "a brand new password", "a brand new password")
	check(t, err)
	assertEqual(t, epoch, st.SessionEpoch+1, "session epoch after the change (other sessions end)")
	if _, err := s.StaffSignIn(ctx, first.Email, first.Password, "192.0.2.1"); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("the one-time password still works: %v", err)
	}
	st, err = s.StaffSignIn(ctx, first.Email, "a brand new password", "192.0.2.1")
	check(t, err)
	assertEqual(t, st.MustChange, false, "must change after changing")
	assertEqual(t, st.SessionEpoch, epoch, "session epoch at the next sign-in")
	events, err := s.db.Events(ctx, staffSubject(st.ID))
	check(t, err)
	var changed bool
	for _, e := range events {
		changed = changed || (e.Detail == "password changed" && e.Actor == first.Email)
	}
	if !changed {
		t.Fatalf("no staff event for the change: %+v", events)
	}
}

// The first account's one-time password, lost before anyone used it, is
// replaced by ADMIN_PASSWORD at a later start; until then each start
// reports the account unclaimed. Once the account has chosen its own
// password, or been given another, no start touches it.
func TestUnusedOneTimePasswordIsReplacedByAdminPassword(t *testing.T) {
	s, _ := staffEnv(t)
	ctx := context.Background()
	first, err := s.EnsureFirstStaff(ctx, "admin@shop.example", "")
	check(t, err)
	again, err := s.EnsureFirstStaff(ctx, "admin@shop.example", "")
	check(t, err)
	assertEqual(t, again, FirstStaff{Email: "admin@shop.example", Unclaimed: true}, "a start without ADMIN_PASSWORD")
	if _, err := s.EnsureFirstStaff(ctx, "admin@shop.example", "too short"); err == nil {
		t.Fatal("a short ADMIN_PASSWORD replaced the one-time password")
	}
	replaced, err := s.EnsureFirstStaff(ctx, "admin@shop.example", "a long enough admin password")
	check(t, err)
	assertEqual(t, replaced, FirstStaff{Email: "admin@shop.example", Replaced: true}, "a start with ADMIN_PASSWORD")
	if _, err := s.StaffSignIn(ctx, "admin@shop.example", first.Password, "192.0.2.1"); err == nil {
		t.Fatal("the lost one-time password still signs in")
	}
	st, err := s.StaffSignIn(ctx, "admin@shop.example", "a long enough admin password", "192.0.2.1")
	check(t, err)
	assertEqual(t, st.MustChange, false, "must change ADMIN_PASSWORD")

	later, err := s.EnsureFirstStaff(ctx, "admin@shop.example", "a long enough admin password")
	check(t, err)
	assertEqual(t, later, FirstStaff{}, "a start once the account was claimed, with its password")
	later, err = s.EnsureFirstStaff(ctx, "admin@shop.example", "another admin password")
	check(t, err)
	assertEqual(t, later.Email+" "+fmt.Sprint(later.Replaced, later.Unclaimed), "admin@shop.example false false", "a start once the account was claimed")
	if !strings.HasPrefix(later.Ignored, "the first staff account's one-time password was already replaced") {
		t.Fatalf("ignored ADMIN_PASSWORD: %q", later.Ignored)
	}
	if _, err := s.StaffSignIn(ctx, "admin@shop.example", "a long enough admin password", "192.0.2.1"); err != nil {
		t.Fatalf("a later start changed the password: %v", err)
	}
	// Given a new one-time password by staff: must change it again, but
	// it is not the first start's.
	reissued, err := s.db.ReissueStaffPassword(ctx, st.ID, st.SessionEpoch, []byte("reissued"), time.Now())
	check(t, err)
	assertEqual(t, reissued, true, "a new one-time password")
	later, err = s.EnsureFirstStaff(ctx, "admin@shop.example", "another admin password")
	check(t, err)
	if later.Replaced || later.Unclaimed || later.Ignored == "" {
		t.Fatalf("a start once the account was given a new one-time password: %+v", later)
	}
	row, err := s.db.StaffByEmail(ctx, "admin@shop.example")
	check(t, err)
	assertEqual(t, string(row.PasswordHash), "reissued", "the new one-time password")
}

// The first account is the one the first start created, whatever its
// email (PUBLIC_URL's host may have changed), and one made before
// migration 35 recorded who added accounts (added_by ”) counts too.
func TestFirstStaffFoundWhateverItsEmail(t *testing.T) {
	s, now := staffEnv(t)
	ctx := context.Background()
	_, err := s.EnsureFirstStaff(ctx, "admin@old.example", "")
	check(t, err)
	again, err := s.EnsureFirstStaff(ctx, "admin@new.example", "")
	check(t, err)
	assertEqual(t, again, FirstStaff{Email: "admin@old.example", Unclaimed: true}, "a start at another host")
	replaced, err := s.EnsureFirstStaff(ctx, "admin@new.example", "a long enough admin password")
	check(t, err)
	assertEqual(t, replaced, FirstStaff{Email: "admin@old.example", Replaced: true}, "a start at another host with ADMIN_PASSWORD")
	if _, err := s.StaffSignIn(ctx, "admin@old.example", "a long enough admin password", "192.0.2.1"); err != nil {
		t.Fatal(err)
	}

	legacy, _ := staffEnv(t)
	hash, err := bcrypt.GenerateFromPassword([]byte("lost one-time"), bcrypt.MinCost)
	check(t, err)
	_, err = legacy.db.InsertStaff(ctx, db.Staff{Email: "admin@localhost", PasswordHash: hash, MustChange: true, CreatedAt: *now})
	check(t, err)
	replaced, err = legacy.EnsureFirstStaff(ctx, "admin@shop.example", "a long enough admin password")
	check(t, err)
	assertEqual(t, replaced, FirstStaff{Email: "admin@localhost", Replaced: true}, "a start with ADMIN_PASSWORD, the account from before migration 35")
}

// A staff password must be hard to guess, not only long: a staff account
// refunds, captures and voids money. Repeated characters, keyboard and
// number runs, one class of characters at the shortest length are
// refused; a few words, or mixed characters, are taken.
func TestStaffPasswordEasyToGuessIsRefused(t *testing.T) {
	for p, refused := range map[string]bool{
		"aaaaaaaaaaaa": true, "password1234": true, "Qwerty123456": true, "123412341234": true, "abcdefghijklmnop": true,
		"lowercaseonl":  true, // 12 of one class: 56 bits
		"Password1234!": true, "P@ssw0rd2024": true, "iloveyou2026!!": true, "中文密码中文密码中文密码": true, "Admin!2026-12": true,
		// Common words again and again, with each other, a season or a
		// month; the account's own email, its name or its domain's.
		"adminadminadmin1": true, "Passwordpassword1": true, "Adminadmin2026": true, "Antomantom2026": true, "Summer2026!!!": true,
		"Password-2026-Password": true, "Adminpassword!1": true, "December2026!!": true, "xyzxyz2026!!": true,
		"bob@shop.example1": true, "Bob@Shop.Example!!": true, "bobbobbob2026": true, "shopshop2026!": true, "bobshopexample1": true,
		"wrong password": false, "correct horse battery staple": false, "my password is long": false, "xK9#mQ2vL8pZxK9#": false, "xK9#mQ2vL8pZ": false, "비밀번호는 길게 씁니다": false,
		"bob likes long walks": false, "summer in the shop 26": false, "Passwords-are-2026-fun": false,
		// Runs in capitals, keyboard walks, accents, other languages' words
		// (second trial); random characters whose letters alone repeat, a
		// common word beside many random digits (review) are taken.
		"QWERTYUIOP12": true, "POIUYTREWQ12": true, "ABCDEFGHIJKL1": true, "1q2w3e4r5t6y7u8i": true, "zaq12wsxcde3": true,
		"1qaz2wsx3edc4rfv": true, "a1b2c3d4e5f6": true, "Pässwörd2026!": true, "รหัสผ่าน1234": true, "管理员密码123456": true,
		"ｐａｓｓｗｏｒｄ２０２６！": true,
		// A common word beside digits that count or repeat (review), Thai
		// digits in a row, shifted digits in a walk.
		"P@ssw0rd123456789": true, "Password!123456789": true, "Welcome@123456789": true, "Administrator@123456789": true,
		"Password-20262026-Password": true, "๑๒๓๔๕๖๗๘๙๐๑๒": true,
		"XkmQvLpZaBcDe": false, "x9#x4$x7&x2!x": false, "4821!a9376#a": false, "May-90412837561": false, "Test-7391-Pass-8264": false,
		"我的密码是月亮星": false, "우리집강아지이름": false,
	} {
		msg := StaffPasswordProblem(p, "bob@shop.example")
		if got := strings.HasPrefix(msg, "Too easy to guess"); got != refused {
			t.Errorf("%q: %q, refused as easy to guess %v, want %v", p, msg, got, refused)
		}
	}
}

// The length rule is fair across scripts: 12 Latin characters, or 8
// Chinese characters (kanji) or Korean syllables, each of which is drawn
// from thousands (staffPasswordHalves). An honest 8-character Chinese or
// Korean phrase is taken; 7 are not, nor scripts as small as Latin
// (kana, Thai, jamo) at 8; and a long-enough wide password is still
// refused when it repeats a character or a phrase.
func TestStaffPasswordLengthIsFairAcrossScripts(t *testing.T) {
	for p, want := range map[string]string{
		"我家小狗爱吃骨头":    "", // 8 Han: 12
		"우리집강아지이름":    "", // 8 Hangul syllables
		"猫が好きな私の家族です": "", // 5 kanji, 6 kana: 7½ + 6
		"비밀번호는길게씁니다":  "", // 10 syllables, refused before
		"我最喜欢的颜色是蓝":   "", // 9 Han, refused before
		"天天向上好好学习":    "", // 8 Han, a few repeated: 62 bits

		"我家小狗爱吃骨":   "short", // 7 Han: 10½
		"우리집강아지이":   "short",
		"ねこがすきですよね": "short", // kana counts as Latin: 9
		"แมวของฉัน": "short", // Thai counts as Latin: 9
		"猫が好きな私の家族": "short", // 5 kanji, 4 kana: 11½
		"ㅁㄴㅇㄹㅎㅗㅓㅏ":  "short", // jamo count as Latin
		"비밀번호 2026": "short", // 4 syllables and 5: 11
		"short":     "short",

		"中文中文中文中文":     "easy", // a phrase repeated
		"中中中中中中中中":     "easy",
		"가가가가가가가가":     "easy",
		"가나다라가나다라":     "easy",
		"aaaaaaaaaaaa": "easy",
	} {
		msg := StaffPasswordProblem(p, "ann@shop.example")
		got := ""
		switch {
		case strings.HasPrefix(msg, "Use at least 12 characters, or 8 Chinese characters (kanji) or Korean syllables"):
			got = "short"
		case strings.HasPrefix(msg, "Too easy to guess"):
			got = "easy"
		case msg != "":
			got = msg
		}
		if got != want {
			t.Errorf("%q (%d half characters): %q, want %q", p, staffPasswordHalves(p), msg, want)
		}
	}
}

// An email whose name or domain has one or two letters does not make
// every password of those letters its own: "a@b.example" leaves
// "abba baba 2026" to the other rules.
func TestShortEmailWordsAreNoPasswordWords(t *testing.T) {
	if buyerPasswordGuessable("abba baba 2026", "a@b.example") {
		t.Error(`"abba baba 2026" of a@b.example: refused as made of its email`)
	}
	if !buyerPasswordGuessable("annann2026", "ann@b.example") {
		t.Error(`"annann2026" of ann@b.example: taken, though made of its email's name`)
	}
}

// A buyer's password too easy to guess is refused whatever it is typed
// in: runs in capitals, keyboard walks, the shop's languages' common
// passwords, full-width letters, digits typed on a Thai keyboard (second
// trial); a word with digits, a short phrase in any script are taken.
func TestBuyerPasswordEasyToGuess(t *testing.T) {
	for p, refused := range map[string]bool{
		"12345678": true, "abcd1234": true, "QWERTYUI": true, "ABCDEFGH": true, "1q2w3e4r": true, "1qaz2wsx": true, "zaq12wsx": true,
		"qazwsxedc": true, "비밀번호1234": true, "密码123456": true, "woaini1314": true, "mima1234": true, "KATASANDI": true,
		"kata laluan1": true, "5201314520": true, "saranghae": true, "ｐａｓｓｗｏｒｄ１２３４": true, "ๅ/-ภถุึค": true, "password1": true,
		"ann@example.com1": true, "starwars": true, "password123456789": true, "woaini123456789": true, "๑๒๓๔๕๖๗๘": true,
		"1qaz@WSX": true, "Zaq1@wsx": true, "Abcd1234!": true, "Qwer1234!": true,
		"mango123": false, "kopi susu": false, "hunter22": false, "bangkok99": false, "Sarah1987": false, "แมวของฉันชื่อส้ม": false,
		"고양이가좋아요": false, "我喜欢喝咖啡": false, "correct horse battery": false,
	} {
		if got := buyerPasswordGuessable(p, "ann@example.com"); got != refused {
			t.Errorf("%q: refused %v, want %v", p, got, refused)
		}
	}
}

// ADMIN_PASSWORD's refusal for being made of "your email" names the
// email, which the operator never typed: the first account's.
func TestAdminPasswordRefusalNamesTheFirstAccountsEmail(t *testing.T) {
	msg := AdminPasswordProblem("payadmin2026!", "admin@pay.example")
	if !strings.HasPrefix(msg, "Too easy to guess") || !strings.HasSuffix(msg, "(Your email is the first staff account's: admin@pay.example.)") {
		t.Errorf("ADMIN_PASSWORD made of the first account's email: %q", msg)
	}
	if msg := AdminPasswordProblem("short", "admin@pay.example"); strings.Contains(msg, "admin@pay.example") {
		t.Errorf("a short ADMIN_PASSWORD: %q names the email", msg)
	}
	if msg := AdminPasswordProblem("an admin password from the environment", "admin@pay.example"); msg != "" {
		t.Errorf("a good ADMIN_PASSWORD: %q", msg)
	}
}
