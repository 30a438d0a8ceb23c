import { useEffect, useState } from "react";
import QRCode from "qrcode";

/** A QR code of `text` as SVG (sharp when printed or projected), named for screen readers by `label`. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [svg, setSvg] = useState<string>();
  useEffect(() => {
    let current = true;
    QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 }).then((s) => { if (current) setSvg(s); }, () => setSvg(undefined));
    return () => { current = false; };
  }, [text]);
  // The SVG is the library's own drawing of the text, no markup of ours or the server's.
  return <div className="qr" role="img" aria-label={label} data-testid="join-qr" dangerouslySetInnerHTML={svg ? { __html: svg } : undefined} />;
}
