// Command antom-checkout is a merchant checkout for Antom: Scan to Link
// wallets, one-click payments, cards on Antom's hosted page, and an admin
// for refunds and captures. Without Antom credentials it runs on the
// built-in Antom sandbox. README.md lists the settings.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"

	"antom-checkout/app"
)

func main() {
	ctx, release := stopOnSignal(slog.New(slog.NewTextHandler(os.Stderr, nil)))
	err := command(os.Args[1:])(ctx, os.Getenv, os.Stderr)
	release()
	os.Exit(exitStatus(err, os.Stdout, os.Stderr))
}

// usage is what `antom-checkout help` prints, and any argument that is
// not a command.
const usage = `usage: antom-checkout           run the checkout
       antom-checkout sandbox   run the Antom sandbox alone (for app instances started with SANDBOX_URL)
       antom-checkout staff reset EMAIL
                                a new one-time password for that staff account (a lost password)
       antom-checkout help      print this
Configuration is by environment: see README.md (Configuration).
`

var (
	errUsage = errors.New(usage)  // arguments that are no command: usage on stderr, exit status 2
	errHelp  = errors.New("help") // `help`: usage on stdout, exit status 0
)

// command picks what to run: with "sandbox" the Antom sandbox alone (for
// app instances started with SANDBOX_URL), with "staff reset EMAIL" a
// staff account's new one-time password, with no argument the app.
// Settings come from the environment, not from arguments: any other
// argument (-h and --help too) runs nothing and touches nothing.
func command(args []string) func(context.Context, func(string) string, io.Writer) error {
	fail := func(err error) func(context.Context, func(string) string, io.Writer) error {
		return func(context.Context, func(string) string, io.Writer) error { return err }
	}
	switch {
	case len(args) == 0:
		return run
	case len(args) == 1 && args[0] == "sandbox":
		return runSandbox
	case len(args) == 1 && args[0] == "help":
		return fail(errHelp)
	case len(args) == 3 && args[0] == "staff" && args[1] == "reset":
		return app.StaffCommand(args[1:])
	}
	return fail(errUsage)
}

// exitStatus reports how a command ended and returns main's exit status:
// 0, 1 after an error (one line on stderr), 2 for arguments that are no
// command (staff reset's argument that is no email too: app.ErrStaffUsage).
func exitStatus(err error, stdout, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errHelp):
		fmt.Fprint(stdout, usage)
		return 0
	case errors.Is(err, errUsage), errors.Is(err, app.ErrStaffUsage):
		var arg app.StaffArgError
		if errors.As(err, &arg) { // which argument was wrong, then how to write it
			fmt.Fprintln(stderr, arg)
		}
		fmt.Fprint(stderr, usage)
		return 2
	}
	fmt.Fprintln(stderr, err)
	return 1
}

// runSandbox serves the Antom sandbox alone until ctx ends.
func runSandbox(ctx context.Context, getenv func(string) string, logOut io.Writer) error {
	log := slog.New(slog.NewTextHandler(logOut, nil))
	if err := app.CheckNames(os.Environ()); err != nil {
		return err
	}
	cfg, err := app.LoadSandbox(getenv)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("SANDBOX_ADDR: %w", err)
	}
	return app.RunSandbox(ctx, cfg, ln, log.With("component", "sandbox"))
}

// run reads the configuration, opens the listeners and serves until ctx
// ends. A bad setting stops the start before anything is written: the
// configuration is checked and every listener opened before app.New
// creates the database, the sandbox's keys or the first staff account.
// Only main exits.
func run(ctx context.Context, getenv func(string) string, logOut io.Writer) error {
	log := slog.New(slog.NewTextHandler(logOut, nil))
	if err := app.CheckNames(os.Environ()); err != nil {
		return err
	}
	cfg, err := app.Load(getenv)
	if err != nil {
		return err
	}
	listeners, err := app.Listen(cfg)
	if err != nil {
		return err
	}
	a, err := app.New(ctx, cfg, log)
	if err != nil {
		listeners.Close()
		return err
	}
	defer a.Close()
	if cfg.Sandbox {
		c := a.Config()
		log.Info("running on the Antom sandbox", "gateway", c.GatewayURL,
			"client_id", c.ClientID, "credentials", cfg.DataDir+"/sandbox", "control", c.GatewayURL+"/sandbox/control")
	}
	return a.Serve(ctx, listeners)
}
