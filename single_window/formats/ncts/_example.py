"""A small valid NCTS declaration: a CC015C of Phase 5 that is also a valid Phase 6 one.

A T1 movement with one house consignment of two goods items, in the style of the UK trader
test pack (its offices of departure and destination, GB000246 and XI000142, are the pack's,
and so is its office of transit: leaving Great Britain, a common transit country outside
the EU, the declaration names one, as condition C0030 asks). It gives what the NCTS rules
and conditions ask a standard declaration (additional declaration type A) for: the
container indicator (C0822), the consignee going to a common transit country (C0001), a
UCR (C0502), the location of goods (C0710), the place of loading (C0403) and the shipping
marks of packages (C0060); every bundled rule passes. The names, addresses and numbers of
the parties are made up. Used to warm up a worker.
"""

from __future__ import annotations

__all__ = ["EXAMPLE"]

#: The declaration, as UTF-8 bytes.
EXAMPLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec" PhaseID="NCTS5.1">
  <messageSender>9999912345</messageSender>
  <messageRecipient>NTA.GB</messageRecipient>
  <preparationDateAndTime>2025-03-01T10:00:00</preparationDateAndTime>
  <messageIdentification>MSG25GB000000001</messageIdentification>
  <messageType>CC015C</messageType>
  <TransitOperation>
    <LRN>LRN25GB000000000000001</LRN>
    <declarationType>T1</declarationType>
    <additionalDeclarationType>A</additionalDeclarationType>
    <security>0</security>
    <reducedDatasetIndicator>0</reducedDatasetIndicator>
    <bindingItinerary>0</bindingItinerary>
  </TransitOperation>
  <CustomsOfficeOfDeparture>
    <referenceNumber>GB000246</referenceNumber>
  </CustomsOfficeOfDeparture>
  <CustomsOfficeOfDestinationDeclared>
    <referenceNumber>XI000142</referenceNumber>
  </CustomsOfficeOfDestinationDeclared>
  <CustomsOfficeOfTransitDeclared>
    <sequenceNumber>1</sequenceNumber>
    <referenceNumber>XI000142</referenceNumber>
  </CustomsOfficeOfTransitDeclared>
  <HolderOfTheTransitProcedure>
    <identificationNumber>GB953574106000</identificationNumber>
  </HolderOfTheTransitProcedure>
  <Guarantee>
    <sequenceNumber>1</sequenceNumber>
    <guaranteeType>1</guaranteeType>
    <GuaranteeReference>
      <sequenceNumber>1</sequenceNumber>
      <GRN>23GB0000010000058</GRN>
      <accessCode>AC01</accessCode>
      <amountToBeCovered>1000.00</amountToBeCovered>
      <currency>GBP</currency>
    </GuaranteeReference>
  </Guarantee>
  <Consignment>
    <countryOfDestination>XI</countryOfDestination>
    <containerIndicator>0</containerIndicator>
    <grossMass>30.000</grossMass>
    <referenceNumberUCR>25GB953574106000-0001</referenceNumberUCR>
    <Consignee>
      <identificationNumber>XI000012340005</identificationNumber>
      <name>Lagan Toys Ltd</name>
      <Address>
        <streetAndNumber>4 Donegall Quay</streetAndNumber>
        <postcode>BT1 3EA</postcode>
        <city>Belfast</city>
        <country>XI</country>
      </Address>
    </Consignee>
    <LocationOfGoods>
      <typeOfLocation>A</typeOfLocation>
      <qualifierOfIdentification>V</qualifierOfIdentification>
      <CustomsOffice>
        <referenceNumber>GB000246</referenceNumber>
      </CustomsOffice>
    </LocationOfGoods>
    <PlaceOfLoading>
      <country>GB</country>
      <location>Dover</location>
    </PlaceOfLoading>
    <HouseConsignment>
      <sequenceNumber>1</sequenceNumber>
      <grossMass>30.000</grossMass>
      <ConsignmentItem>
        <goodsItemNumber>1</goodsItemNumber>
        <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
        <Commodity>
          <descriptionOfGoods>Plastic boxes</descriptionOfGoods>
          <CommodityCode>
            <harmonizedSystemSubHeadingCode>392310</harmonizedSystemSubHeadingCode>
          </CommodityCode>
          <GoodsMeasure>
            <grossMass>10.000</grossMass>
          </GoodsMeasure>
        </Commodity>
        <Packaging>
          <sequenceNumber>1</sequenceNumber>
          <typeOfPackages>BX</typeOfPackages>
          <numberOfPackages>1</numberOfPackages>
          <shippingMarks>LT-0001</shippingMarks>
        </Packaging>
      </ConsignmentItem>
      <ConsignmentItem>
        <goodsItemNumber>2</goodsItemNumber>
        <declarationGoodsItemNumber>2</declarationGoodsItemNumber>
        <Commodity>
          <descriptionOfGoods>Toys</descriptionOfGoods>
          <CommodityCode>
            <harmonizedSystemSubHeadingCode>950300</harmonizedSystemSubHeadingCode>
          </CommodityCode>
          <GoodsMeasure>
            <grossMass>20.000</grossMass>
          </GoodsMeasure>
        </Commodity>
        <Packaging>
          <sequenceNumber>1</sequenceNumber>
          <typeOfPackages>BX</typeOfPackages>
          <numberOfPackages>2</numberOfPackages>
          <shippingMarks>LT-0002</shippingMarks>
        </Packaging>
      </ConsignmentItem>
    </HouseConsignment>
  </Consignment>
</ncts:CC015C>
"""
