package org.natterjack.upgrade.bundle;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.natterjack.upgrade.api.UpgradeRefused;
import org.natterjack.upgrade.api.UpgradeRefused.Check;

/**
 * Checks a CMS SignedData as RAUC does with {@code check-purpose=codesign} ({@code rauc@v1.8:src/signature.c}):
 * every signer's signature over the content, its certificate chain (certificates in the CMS as intermediates)
 * to a root of the keyring at the current time, the keyring's CRLs when it has any, and the codeSigning extended
 * key usage on the signer. Used for a bundle's manifest (content inside the CMS) and for the update channel's
 * index (detached signature).
 */
public final class SignedContent {

    private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

    private final Keyring keyring;
    private final Clock clock;

    public SignedContent(Keyring keyring, Clock clock) {
        this.keyring = keyring;
        this.clock = clock;
    }

    /** The content of an attached CMS signature, once verified. */
    public byte[] attached(byte[] cms) throws UpgradeRefused {
        CMSSignedData signed = parse(cms, null);
        if (signed.getSignedContent() == null) {
            throw new UpgradeRefused(Check.SIGNATURE, "the signature carries no manifest (detached)");
        }
        verify(signed);
        return (byte[]) signed.getSignedContent().getContent();
    }

    /** Verifies a detached CMS signature over {@code content}. */
    public void detached(byte[] content, byte[] cms) throws UpgradeRefused {
        verify(parse(cms, content));
    }

    private static CMSSignedData parse(byte[] cms, byte[] content) throws UpgradeRefused {
        try {
            return content == null ? new CMSSignedData(cms) : new CMSSignedData(new CMSProcessableByteArray(content), cms);
        } catch (CMSException | RuntimeException e) {
            throw new UpgradeRefused(Check.SIGNATURE, "the signature is not a CMS structure: " + e.getMessage());
        }
    }

    private void verify(CMSSignedData signed) throws UpgradeRefused {
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            throw new UpgradeRefused(Check.SIGNATURE, "the CMS structure has no signer");
        }
        try {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            List<X509Certificate> included = new ArrayList<>();
            for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
                included.add(converter.getCertificate(holder));
            }
            for (SignerInformation signer : signers) {
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> match = signed.getCertificates().getMatches(signer.getSID());
                if (match.isEmpty()) {
                    throw new UpgradeRefused(Check.SIGNATURE, "the signer's certificate is not in the signature");
                }
                X509Certificate cert = converter.getCertificate(match.iterator().next());
                if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))) {
                    throw new UpgradeRefused(Check.SIGNATURE, "the signature does not match the signed content");
                }
                List<String> eku = cert.getExtendedKeyUsage();
                if (eku == null || !eku.contains(CODE_SIGNING)) {
                    throw new UpgradeRefused(Check.SIGNATURE, "the signer " + cert.getSubjectX500Principal()
                            + " is no code-signing certificate (extended key usage codeSigning)");
                }
                validateChain(cert, included);
            }
        } catch (CMSException | OperatorCreationException | GeneralSecurityException | RuntimeException e) {
            throw new UpgradeRefused(Check.SIGNATURE, "the signature does not verify: " + e.getMessage());
        }
    }

    private void validateChain(X509Certificate leaf, List<X509Certificate> included)
            throws GeneralSecurityException, UpgradeRefused {
        Set<TrustAnchor> anchors = keyring.roots().stream().map(c -> new TrustAnchor(c, null))
                .collect(Collectors.toSet());
        PKIXParameters params = new PKIXParameters(anchors);
        List<Object> store = new ArrayList<>(included);
        store.addAll(keyring.crls());
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
        params.setRevocationEnabled(!keyring.crls().isEmpty());
        params.setDate(Date.from(clock.instant()));
        List<X509Certificate> path = new ArrayList<>(List.of(leaf));
        X509Certificate at = leaf;
        while (!isIssuedByRoot(at)) {
            X509Certificate current = at;
            X509Certificate issuer = included.stream()
                    .filter(c -> c.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                            && !c.equals(current))
                    .findFirst().orElseThrow(() -> new UpgradeRefused(Check.SIGNATURE, "the signer "
                            + leaf.getSubjectX500Principal() + " does not chain to a root of the keyring"));
            path.add(issuer);
            at = issuer;
            if (path.size() > 8) {
                throw new UpgradeRefused(Check.SIGNATURE, "the certificate chain is too long");
            }
        }
        try {
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (CertPathValidatorException e) {
            throw new UpgradeRefused(Check.SIGNATURE, "the signer's certificate is not trusted: " + e.getMessage());
        }
    }

    private boolean isIssuedByRoot(X509Certificate cert) {
        return keyring.roots().stream().anyMatch(r -> r.getSubjectX500Principal().equals(cert.getIssuerX500Principal()));
    }
}
