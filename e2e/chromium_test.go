package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// sharedChromium is the one headless Chromium every test's browsers live
// in, started by the first newBrowser and stopped by TestMain. A test's
// browser is a browser context of its own in it: opening one takes a few
// hundred ms, where starting Chromium for each (a hundred times a run)
// took 1–2 s of both cores.
var sharedChromium chromium

// chromium is one headless Chromium process with its own profile.
type chromium struct {
	mu   sync.Mutex
	root context.Context // the first tab's; its Browser serves every context
	stop func() error    // stops every process Chromium started, removes the profile
}

// open makes a new browser context in Chromium, starting Chromium first
// if it is not running, and returns the context of its first tab (a
// window of 1280×900). The test's cleanup closes the browser context.
// Chromium that cannot make one (it crashed: seen while it starts, under
// load, with crashpad's "no stack mapping") is stopped and started once
// more: that is Chromium's start, not a step of a test, and no test's
// action is repeated.
func (c *chromium) open(t *testing.T, path string) (context.Context, error) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	ctx, err := c.openLocked(t, path)
	if err != nil {
		t.Logf("Chromium could not open a browser; starting it once more: %v", err)
		c.stopLocked()
		ctx, err = c.openLocked(t, path)
	}
	return ctx, err
}

func (c *chromium) openLocked(t *testing.T, path string) (context.Context, error) {
	if c.root == nil {
		if err := c.start(path); err != nil {
			return nil, err
		}
	}
	browser := cdp.WithExecutor(c.root, chromedp.FromContext(c.root).Browser)
	id, err := target.CreateBrowserContext().WithDisposeOnDetach(true).Do(browser)
	if err != nil {
		return nil, fmt.Errorf("new browser context: %w", err)
	}
	t.Cleanup(func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.root == nil {
			return // Chromium was stopped (and restarted) since
		}
		done, cancel := context.WithTimeout(c.root, 10*time.Second)
		defer cancel()
		if err := target.DisposeBrowserContext(id).Do(cdp.WithExecutor(done, chromedp.FromContext(c.root).Browser)); err != nil {
			t.Logf("close the browser context: %v", err)
		}
	})
	return c.window(t, id)
}

// window opens a window of 1280×900 in the browser context id and returns
// its tab's context (2 minutes at most), closed by the test's cleanup.
// Every tab of a test's browser is a window of its own (a browser
// context has none to open a tab in at first), as windows side by side.
func (c *chromium) window(t *testing.T, id cdp.BrowserContextID) (context.Context, error) {
	browser := cdp.WithExecutor(c.root, chromedp.FromContext(c.root).Browser)
	tab, err := target.CreateTarget("about:blank").WithBrowserContextID(id).
		WithNewWindow(true).WithWidth(1280).WithHeight(900).Do(browser)
	if err != nil {
		return nil, fmt.Errorf("new window: %w", err)
	}
	ctx, cancelCtx := chromedp.NewContext(c.root, chromedp.WithTargetID(tab))
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
	})
	return ctx, chromedp.Run(ctx)
}

// tab opens another window in the browser context of the browser whose
// tab ctx is (same cookies).
func (c *chromium) tab(t *testing.T, ctx context.Context) (context.Context, error) {
	info, err := target.GetTargetInfo().WithTargetID(chromedp.FromContext(ctx).Target.TargetID).Do(cdp.WithExecutor(ctx, chromedp.FromContext(ctx).Browser))
	if err != nil {
		return nil, fmt.Errorf("the tab's browser context: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.window(t, info.BrowserContextID)
}

// start runs headless Chromium with a profile of its own.
func (c *chromium) start(path string) error {
	profile, err := os.MkdirTemp("", "e2e-chromium-")
	if err != nil {
		return err
	}
	var cmd *exec.Cmd
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 900),
		// Chromium and every helper process it starts share one process
		// group, so that stop can end and reap all of them.
		chromedp.ModifyCmdFunc(func(c *exec.Cmd) {
			c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
			cmd = c
		}),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	root, cancelRoot := chromedp.NewContext(allocCtx)
	// The profile goes only after every process that could still write
	// to it has been stopped and reaped.
	c.stop = func() error {
		cancelRoot()
		cancelAlloc() // kills the browser process and waits for it
		var errs []error
		if cmd != nil && cmd.Process != nil {
			if err := stopProcessGroup(cmd.Process.Pid, 10*time.Second); err != nil {
				errs = append(errs, fmt.Errorf("stop chromium: %w", err))
			}
		}
		if err := os.RemoveAll(profile); err != nil {
			errs = append(errs, fmt.Errorf("remove the browser profile: %w", err))
		}
		return errors.Join(errs...)
	}
	if err := chromedp.Run(root); err != nil {
		c.stop()
		c.stop = nil
		return err
	}
	c.root = root
	return nil
}

// stopLocked stops Chromium if it runs; the next open starts it again.
func (c *chromium) stopLocked() error {
	if c.stop == nil {
		return nil
	}
	err := c.stop()
	c.root, c.stop = nil, nil
	return err
}

// Stop stops Chromium once every test has run (TestMain).
func (c *chromium) Stop() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stopLocked()
}
